package dev.ordersystem.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.localstack.junit.UseLocalStack;
import dev.ordersystem.orders.support.OrderServiceProcess;
import dev.ordersystem.orders.support.OutboxRows;
import dev.ordersystem.orders.support.PublishedEvents;
import dev.ordersystem.orders.support.RelayProcesses;
import dev.ordersystem.orders.support.RelayTestNames;
import dev.ordersystem.orders.support.TestCaller;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM to an order-service process that takes orders and relays a backlog at full speed: it exits within 10 s,
 * gives the relay lease up on the way (a standby could take over at once), and the next instance loses nothing.
 */
@UseLocalStack(database = "orders")
class ShutdownIntegrationTests {

    private static final Duration EXIT_BOUND = Duration.ofSeconds(10);
    private static final RelayTestNames NAMES = RelayTestNames.of("shutdown");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final String HEARTBEAT_EVERY_SECOND = "--orders.relay.heartbeat-interval=PT1S";

    @RegisterExtension
    static final RelayProcesses processes = new RelayProcesses(NAMES);

    @Test
    void exitsWithinTenSecondsOfSigtermUnderLoadAndReleasesTheLeaseAndTheNextInstanceLosesNothing() throws Exception {
        LocalStack stack = LocalStackExtension.stack();
        OutboxRows outbox = new OutboxRows(stack);
        OrderServiceProcess first = processes.start("shutdown-1", HEARTBEAT_EVERY_SECOND);
        first.awaitRelayStreaming();

        List<EventEnvelope> written = new CopyOnWriteArrayList<>();
        List<String> placed = new CopyOnWriteArrayList<>();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(3);
        try (var topic = TopicReader.ofStrings(stack.bootstrapServers(), NAMES.topic())) {
            // ~1,200 events/s for the relay, and two clients placing orders through the API as fast as they can
            load.scheduleAtFixedRate(() -> written.addAll(outbox.insertLives(20)), 0, 50, TimeUnit.MILLISECONDS);
            for (int client = 0; client < 2; client++) {
                load.execute(() -> {
                    while (!Thread.currentThread().isInterrupted() && first.isAlive()) {
                        placeOrder(first).ifPresent(placed::add);
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> placed.size() >= 20 && topic.poll().size() >= 3_000);

            Duration exit = first.terminate(Duration.ofSeconds(60));
            load.shutdownNow();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            boolean leaseReleased = lease("expires_at <= now()");
            String holder = lease("holder = 'shutdown-1'") ? "shutdown-1" : "another instance";

            OrderServiceProcess second = processes.start("shutdown-2", HEARTBEAT_EVERY_SECOND);
            List<EventEnvelope> writtenAll = new ArrayList<>(written);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        assertThat(PublishedEvents.of(writtenAll, topic.poll()).missing())
                                .isEmpty();
                        assertThat(keys(topic)).containsAll(placed);
                    });
            System.out.printf(
                    "shutdown test: exit %d ms after SIGTERM; %d outbox events and %d orders placed, all relayed"
                            + " after the restart%n",
                    exit.toMillis(), writtenAll.size(), placed.size());
            assertThat(exit).isLessThanOrEqualTo(EXIT_BOUND);
            assertThat(leaseReleased)
                    .as("the lease of %s expired at shutdown", holder)
                    .isTrue();
            assertThat(second.relayRole()).hasValue("LEADER");
        } finally {
            load.shutdownNow();
        }
    }

    private static boolean lease(String condition) {
        LocalStack stack = LocalStackExtension.stack();
        try (var connection = DriverManager.getConnection(stack.jdbcUrl("orders"), stack.username(), stack.password());
                var statement =
                        connection.prepareStatement("select " + condition + " from relay_lease where slot_name = ?")) {
            statement.setString(1, NAMES.slot());
            try (var rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> keys(TopicReader<String, String> topic) {
        return topic.poll().stream().map(r -> r.key()).collect(Collectors.toSet());
    }

    /** Places one order; empty when the service does not take it (it is shutting down). */
    private static Optional<String> placeOrder(OrderServiceProcess service) {
        String customer = "customer-" + UUID.randomUUID();
        String body = """
                {"customerId": "%s", "customerEmail": "%s@example.com", "currency": "EUR",
                 "lines": [{"sku": "BOOK-1", "quantity": 1, "unitPrice": 12.50}]}
                """.formatted(customer, customer);
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(service.baseUrl() + "/orders"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + TestCaller.STAFF.token())
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201
                    ? Optional.of(JSON.readTree(response.body()).path("id").asString())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
