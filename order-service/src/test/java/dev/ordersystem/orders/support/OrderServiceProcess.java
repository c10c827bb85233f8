package dev.ordersystem.orders.support;

import static org.awaitility.Awaitility.await;

import dev.ordersystem.localstack.LocalStack;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order service as a separate JVM, started from the test class path (the jar is packaged only after the tests),
 * so that fault tests can kill it with SIGKILL. Its output goes to {@code target/order-service-processes/<name>.log}.
 */
public final class OrderServiceProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private OrderServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code OrderServiceApplication} against the stack's {@code orders} database and Kafka broker, with the
     * given extra {@code --key=value} arguments, and returns at once (see {@link #relayRole()} to wait for it).
     */
    public static OrderServiceProcess start(String name, LocalStack stack, List<String> arguments) {
        return start(name, stack, stack.jdbcUrl("orders"), arguments);
    }

    /** As {@link #start(String, LocalStack, List)}, with the database at {@code jdbcUrl} (e.g. through a proxy). */
    public static OrderServiceProcess start(String name, LocalStack stack, String jdbcUrl, List<String> arguments) {
        int port = freePort();
        Path log = Path.of("target", "order-service-processes", name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ordersystem.orders.OrderServiceApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + stack.username(),
                "--spring.datasource.password=" + stack.password(),
                "--spring.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--orders.relay.instance-id=" + name));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            OrderServiceProcess started = new OrderServiceProcess(name, port, process, log);
            // last resort if the test JVM itself goes away without running @AfterAll
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start order-service process " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code http://localhost:<port>} */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    /** The relay's health component, or empty while the process does not answer. */
    public Optional<JsonNode> relayHealth() {
        return getJson("/actuator/health/relay");
    }

    /** {@code LEADER}, {@code STANDBY}, {@code DOWN}, ... or empty while the process does not answer. */
    public Optional<String> relayRole() {
        return relayHealth()
                .map(health -> health.path("details").path("role").asString(""))
                .filter(role -> !role.isEmpty());
    }

    /** Waits (up to 90 s) until this instance leads the relay and streams from the WAL; fails if the process dies. */
    public void awaitRelayStreaming() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(this + " is not running");
                    }
                    return relayHealth()
                            .map(health ->
                                    health.path("details").path("streaming").asBoolean())
                            .orElse(false);
                });
    }

    /** The relay status endpoint ({@code /actuator/relay}). */
    public Optional<JsonNode> relayStatus() {
        return getJson("/actuator/relay");
    }

    /** The value of a Prometheus sample without labels, e.g. {@code orders_relay_events_total}. */
    public Optional<Double> metric(String sample) {
        return get("/actuator/prometheus").flatMap(body -> {
            Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + "(?:\\{[^}]*})? ([0-9.eE+-]+|NaN)$")
                    .matcher(body);
            return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
        });
    }

    /** SIGKILL: no shutdown hook, no clean close of the engine, the producer or the lease connection. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("order-service process " + name + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name, e);
        }
    }

    /**
     * SIGTERM, as an orchestrator stops a service, then waits up to {@code wait} for the process to exit.
     *
     * @return how long it took to exit
     * @throws IllegalStateException if it is still running after {@code wait}
     */
    public Duration terminate(Duration wait) {
        long sentAt = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "order-service process " + name + " still runs " + wait + " after SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name + " to exit", e);
        }
        return Duration.ofNanos(System.nanoTime() - sentAt);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private Optional<JsonNode> getJson(String path) {
        return get(path).map(JSON::readTree);
    }

    private Optional<String> get(String path) {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().isEmpty() ? Optional.empty() : Optional.of(response.body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "order-service[" + name + ", pid " + process.pid() + ", port " + port + ", log " + log + "]";
    }
}
