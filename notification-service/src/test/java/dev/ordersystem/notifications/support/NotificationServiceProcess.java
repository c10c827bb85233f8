package dev.ordersystem.notifications.support;

import dev.ordersystem.localstack.Ports;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The notification service as a separate JVM, started from the test class path (the jar is packaged only after the
 * tests), so that a test can send it SIGTERM. Its output goes to {@code target/notification-service-processes}.
 */
public final class NotificationServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;

    private NotificationServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts {@code NotificationServiceApplication} with these {@code --key=value} settings; returns at once. */
    public static NotificationServiceProcess start(String name, Map<String, String> settings) {
        int port = Ports.findFree(1)[0];
        Path log = Path.of("target", "notification-service-processes", name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ordersystem.notifications.NotificationServiceApplication",
                "--server.port=" + port));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            // last resort if the test JVM itself goes away without closing it
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new NotificationServiceProcess(name, port, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start notification-service process " + name, e);
        }
    }

    /** Whether {@code /actuator/health/readiness} answers 200. */
    public boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue());
        }
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(URI.create(
                                                    "http://localhost:" + port + "/actuator/health/readiness"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, and how long the process took to exit (at most {@code timeout}; SIGKILL after that). */
    public Duration terminate(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return took;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
