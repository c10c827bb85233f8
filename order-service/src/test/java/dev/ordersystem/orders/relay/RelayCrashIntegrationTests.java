package dev.ordersystem.orders.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.UseLocalStack;
import dev.ordersystem.orders.support.OrderServiceProcess;
import dev.ordersystem.orders.support.OutboxRows;
import dev.ordersystem.orders.support.RelayProcesses;
import dev.ordersystem.orders.support.RelayTestNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGKILL of the order-service process in the middle of a stream of 6,000 events, then a fresh start: every event
 * reaches the topic, and what is replayed (at most what was not yet acknowledged and stored) carries the same event
 * id as its first copy. Checked on the topic, not in logs.
 */
@UseLocalStack(database = "orders")
class RelayCrashIntegrationTests {

    private static final RelayTestNames NAMES = RelayTestNames.of("crash");
    private static final OrderEventJson EVENTS = new OrderEventJson();
    private static final int ORDERS = 2_000; // three events each
    private static final int ORDERS_PER_TRANSACTION = 25;

    /** Renews the lease and, as a standby, polls for it every second. */
    private static final String[] QUICK_LEASE = {
        "--orders.relay.heartbeat-interval=PT1S", "--orders.relay.leader-poll-interval=PT1S"
    };

    @RegisterExtension
    static final RelayProcesses processes = new RelayProcesses(NAMES);

    @Test
    void deliversEveryEventAfterTheRelayProcessIsKilledMidStream() throws Exception {
        OutboxRows outbox = processes.outbox();
        OrderServiceProcess first = processes.start("crash-1", QUICK_LEASE);
        first.awaitRelayStreaming();

        List<EventEnvelope> written = new CopyOnWriteArrayList<>();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (var topic = processes.topic()) {
            int transactions = ORDERS / ORDERS_PER_TRANSACTION;
            ScheduledFuture<?> writing = writer.scheduleAtFixedRate(
                    () -> {
                        if (written.size() >= ORDERS * 3) {
                            throw new IllegalStateException("done"); // ends the schedule
                        }
                        List<EventEnvelope> batch = new ArrayList<>();
                        for (int i = 0; i < ORDERS_PER_TRANSACTION; i++) {
                            batch.addAll(OutboxRows.lifeOfAnOrder(i % 2 == 0 ? traceParent() : null));
                        }
                        outbox.insert(batch);
                        written.addAll(batch);
                    },
                    0,
                    10_000 / transactions, // the whole stream takes about 10 s
                    TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> countWritten(topic.poll(), written) >= 1_500);
            first.kill();
            int relayedBeforeKill = countWritten(topic.poll(), written);
            assertThat(written).as("still writing when killed").hasSizeLessThan(ORDERS * 3);

            OrderServiceProcess second = processes.start("crash-2", QUICK_LEASE);
            await().atMost(Duration.ofSeconds(30)).until(writing::isDone);
            assertThat(written).hasSize(ORDERS * 3);

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> countWritten(topic.poll(), written) == written.size());

            List<ConsumerRecord<String, String>> published = topic.poll();
            Map<String, EventEnvelope> byId = new HashMap<>();
            written.forEach(e -> byId.put(e.eventId().toString(), e));
            Map<String, Integer> copies = new HashMap<>();
            Map<String, List<String>> firstCopiesPerOrder = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> record : published) {
                EventEnvelope envelope = EVENTS.read(record.value());
                String id = TopicReader.header(record, EventHeaders.EVENT_ID).orElseThrow();
                // a duplicate is the same event: same id in the header and in the envelope, same content
                assertThat(id).isEqualTo(envelope.eventId().toString());
                if (!byId.containsKey(id)) {
                    continue; // rows other test classes left in the outbox, read by this slot's first snapshot
                }
                assertThat(envelope).isEqualTo(byId.get(id));
                assertThat(record.key()).isEqualTo(envelope.aggregateId());
                if (copies.merge(id, 1, Integer::sum) == 1) {
                    firstCopiesPerOrder
                            .computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(envelope.eventType());
                }
            }
            assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(byId.keySet());
            assertThat(firstCopiesPerOrder.values())
                    .allSatisfy(types -> assertThat(types).containsExactly("OrderPlaced", "OrderPaid", "OrderShipped"));
            long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
            System.out.printf(
                    "crash test: %d events written, %d relayed before SIGKILL, %d duplicates after restart%n",
                    written.size(), relayedBeforeKill, duplicates);
            assertThat(second.relayRole()).hasValue("LEADER");
        } finally {
            writer.shutdownNow();
        }
    }

    private static int countWritten(List<ConsumerRecord<String, String>> records, List<EventEnvelope> written) {
        var ids = new java.util.HashSet<String>();
        written.forEach(e -> ids.add(e.eventId().toString()));
        var seen = new java.util.HashSet<String>();
        for (var record : records) {
            String id = TopicReader.header(record, EventHeaders.EVENT_ID).orElse("");
            if (ids.contains(id)) {
                seen.add(id);
            }
        }
        return seen.size();
    }

    private static String traceParent() {
        String hex = java.util.UUID.randomUUID().toString().replace("-", "");
        return "00-" + hex + "-" + hex.substring(0, 16) + "-01";
    }
}
