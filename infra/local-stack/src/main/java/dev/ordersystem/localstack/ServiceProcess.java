package dev.ordersystem.localstack;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spring Boot service running as a child process, either from its executable jar ({@code java -jar}) or from a
 * class path ({@code java -cp ... MainClass}, e.g. a module's own tests before its jar is packaged), with its output
 * in a log file. {@link #kill()} is a real SIGKILL; {@link #stop()} is SIGTERM, which Spring Boot answers with a
 * graceful shutdown.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * The JVM options of a service under test: a small heap, the serial collector and the C1 compiler only, with which
     * a Spring Boot service starts on about half the CPU time (the C2 compiler threads compete for the 2 cores with
     * everything else a test runs). Production-like runs (the demo, the benchmark) keep both compilers.
     */
    public static final List<String> TEST_JVM_OPTIONS =
            List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, int port, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * What the JVM runs: the {@code java} arguments after the JVM options.
     *
     * @see #jar(Path)
     * @see #mainClass(String)
     */
    public record Program(List<String> javaArguments) {

        public Program {
            javaArguments = List.copyOf(javaArguments);
        }

        /** {@code -jar jar}. */
        public static Program jar(Path jar) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist; build it first: ./mvnw -DskipTests package");
            }
            return new Program(List.of("-jar", jar.toString()));
        }

        /** {@code -cp <this JVM's class path> mainClass}: the service from the class path of the caller. */
        public static Program mainClass(String mainClass) {
            return new Program(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        }
    }

    /**
     * Starts {@code java jvmOptions program --server.port=port arguments}, with its output appended to {@code
     * logDir/name.log}. Returns at once; see {@link #awaitHealthy(Duration)}.
     *
     * @param arguments the service's command-line arguments, e.g. Spring properties as {@code --key=value}
     */
    public static ServiceProcess start(
            String name, Program program, int port, List<String> arguments, List<String> jvmOptions, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(program.javaArguments());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        try {
            Files.createDirectories(logDir);
            Path logFile = logDir.resolve(name + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            log.info("Started {} (pid {}) on port {}, log {}", name, process.pid(), port, logFile);
            return new ServiceProcess(name, port, logFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /**
     * Polls the public readiness probe {@code /actuator/health/readiness} until it answers 200 (UP); fails early if the
     * process exits.
     */
    public ServiceProcess awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + " while starting; see " + logFile);
            }
            if (isHealthy()) {
                return this;
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + logFile);
    }

    /** Whether the readiness probe {@code /actuator/health/readiness} answers 200. */
    public boolean isHealthy() {
        return send(request("/actuator/health/readiness"))
                .map(response -> response.statusCode() == 200)
                .orElse(false);
    }

    /**
     * The body of {@code GET path} whatever the status (health answers 503 with a body when DOWN), or empty while the
     * process does not answer or answers with an empty body.
     */
    public Optional<String> get(String path) {
        return send(request(path)).map(HttpResponse::body).filter(body -> !body.isEmpty());
    }

    /** {@link #get(String)} with {@code Authorization: Bearer accessToken}, for endpoints that are not public. */
    public Optional<String> get(String path, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(request(path), (name, value) -> true)
                .header("Authorization", "Bearer " + accessToken)
                .build();
        return send(request).map(HttpResponse::body).filter(body -> !body.isEmpty());
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. Waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        if (!waitForExit(Duration.ofSeconds(20))) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") did not die on SIGKILL");
        }
        log.info("Killed {} (pid {}) with SIGKILL", name, process.pid());
    }

    /**
     * SIGTERM and a graceful shutdown; SIGKILL if it takes longer than 30 s.
     *
     * @return how long the process took to exit after the SIGTERM (30 s and more if it had to be killed); zero if it
     *     had exited already
     */
    public Duration stop() {
        if (!process.isAlive()) {
            return Duration.ZERO;
        }
        long signalled = System.nanoTime();
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(30))) {
            log.warn("{} did not stop within 30 s; killing it", name);
            kill();
        }
        return Duration.ofNanos(System.nanoTime() - signalled);
    }

    @Override
    public void close() {
        stop();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + ", port " + port + ", log " + logFile + "]";
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    private Optional<HttpResponse<String>> send(HttpRequest request) {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
