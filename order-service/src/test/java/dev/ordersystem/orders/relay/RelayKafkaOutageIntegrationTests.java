package dev.ordersystem.orders.relay;

import static dev.ordersystem.orders.support.TestCaller.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.StackMode;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The Kafka broker goes away for 10 s while orders keep being placed: the relay waits for the broker (its sends are
 * retried by the idempotent producer until the delivery timeout) and nothing is lost.
 */
@TestPropertySource(
        properties = {
            "orders.relay.enabled=true",
            "orders.relay.instance-id=outage-test",
            "orders.relay.slot-name=relay_outage",
            "orders.relay.publication-name=relay_pub_outage",
            "orders.relay.topic=orders.events.outage",
            "orders.relay.offsets-topic=orders.relay.offsets.outage",
            "orders.relay.heartbeat-interval=PT1S"
        })
@DirtiesContext
class RelayKafkaOutageIntegrationTests extends OrderApiTestSupport {

    @Test
    void losesNothingWhenTheBrokerIsDownForTenSecondsWhileOrdersAreWritten() throws Exception {
        LocalStack stack = LocalStackExtension.stack();
        assumeTrue(stack.mode() == StackMode.LOCAL, "the broker can only be stopped and started in LOCAL stack mode");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> json(as(OPERATOR).get("/actuator/health/relay"))
                        .path("details")
                        .path("streaming")
                        .asBoolean());
        List<UUID> placed = new CopyOnWriteArrayList<>();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (var topic = TopicReader.ofStrings(stack.bootstrapServers(), "orders.events.outage")) {
            writer.scheduleWithFixedDelay(() -> placed.add(placeOrder(uniqueCustomer())), 0, 50, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll().size() >= 20);

            stack.stopKafka();
            try {
                int placedWhenStopped = placed.size();
                await().pollDelay(Duration.ofSeconds(10))
                        .atMost(Duration.ofSeconds(11))
                        .until(() -> true);
                assertThat(placed.size())
                        .as("orders keep being placed while Kafka is down")
                        .isGreaterThan(placedWhenStopped + 50);
                assertThat(json(as(OPERATOR).get("/actuator/health/relay"))
                                .path("details")
                                .path("role")
                                .asString())
                        .isEqualTo("LEADER");
            } finally {
                stack.startKafka();
            }
            int placedWhenStarted = placed.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> placed.size() >= placedWhenStarted + 20);
            writer.shutdown();
            assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            Set<String> orders = placed.stream().map(UUID::toString).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(
                                    topic.poll().stream().map(r -> r.key()).collect(Collectors.toSet()))
                            .containsAll(orders));
            Set<String> eventIds = topic.poll().stream()
                    .filter(r -> orders.contains(r.key()))
                    .map(r -> TopicReader.header(r, EventHeaders.EVENT_ID).orElseThrow())
                    .collect(Collectors.toSet());
            assertThat(eventIds).hasSameSizeAs(orders);
            assertThat(eventIds).isEqualTo(outboxIdsOf(orders));
        } finally {
            writer.shutdownNow();
        }
    }

    private Set<String> outboxIdsOf(Set<String> orders) {
        return Set.copyOf(jdbc.sql("select id::text from outbox where aggregate_id in (:ids)")
                .param("ids", orders)
                .query(String.class)
                .list());
    }
}
