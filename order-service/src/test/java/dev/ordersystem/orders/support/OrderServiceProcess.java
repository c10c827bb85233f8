package dev.ordersystem.orders.support;

import static org.awaitility.Awaitility.await;

import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.Ports;
import dev.ordersystem.localstack.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order service as a separate JVM, started from the test class path (the jar is packaged only after the tests),
 * so that fault tests can kill it with SIGKILL, and what the relay reports about itself. Its output goes to {@code
 * target/order-service-processes/<name>.log}. It trusts the tests' authorization server ({@link TestCaller#server()}) and
 * runs with profile {@code test}; the operations endpoints are read with the operator's token.
 */
public final class OrderServiceProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path LOG_DIR = Path.of("target", "order-service-processes");

    private final ServiceProcess process;

    private OrderServiceProcess(ServiceProcess process) {
        this.process = process;
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
        Map<String, String> properties = new LinkedHashMap<>(stack.springProperties("orders"));
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("orders.relay.instance-id", name);
        properties.put("spring.profiles.active", "test");
        properties.put(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                TestCaller.server().issuer().toString());
        List<String> all = new ArrayList<>();
        properties.forEach((key, value) -> all.add("--" + key + "=" + value));
        all.addAll(arguments);
        ServiceProcess process = ServiceProcess.start(
                name,
                ServiceProcess.Program.mainClass("dev.ordersystem.orders.OrderServiceApplication"),
                Ports.freePort(),
                all,
                ServiceProcess.TEST_JVM_OPTIONS,
                LOG_DIR);
        // last resort if the test JVM itself goes away without running @AfterAll
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly)));
        return new OrderServiceProcess(process);
    }

    public String name() {
        return process.name();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code http://localhost:<port>} */
    public String baseUrl() {
        return process.baseUrl();
    }

    public Path log() {
        return process.logFile();
    }

    /** The relay's health component, or empty while the process does not answer. */
    public Optional<JsonNode> relayHealth() {
        return process.get("/actuator/health/relay", TestCaller.OPERATOR.token())
                .map(JSON::readTree);
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
        return process.get("/actuator/relay", TestCaller.OPERATOR.token()).map(JSON::readTree);
    }

    /** The value of a Prometheus sample without labels, e.g. {@code orders_relay_events_total}. */
    public Optional<Double> metric(String sample) {
        return process.get("/actuator/prometheus", TestCaller.OPERATOR.token()).flatMap(body -> {
            Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + "(?:\\{[^}]*})? ([0-9.eE+-]+|NaN)$")
                    .matcher(body);
            return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
        });
    }

    /** SIGKILL: no shutdown hook, no clean close of the engine, the producer or the lease connection. */
    public void kill() {
        process.kill();
    }

    /**
     * SIGTERM, as an orchestrator stops a service, and waits for the process to exit.
     *
     * @return how long it took to exit
     * @throws IllegalStateException if it took longer than {@code limit} (it is killed after 30 s)
     */
    public Duration terminate(Duration limit) {
        Duration took = process.stop();
        if (took.compareTo(limit) > 0) {
            throw new IllegalStateException(
                    "order-service process " + name() + " took " + took + " to exit after SIGTERM, more than " + limit);
        }
        return took;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return "order-service " + process;
    }
}
