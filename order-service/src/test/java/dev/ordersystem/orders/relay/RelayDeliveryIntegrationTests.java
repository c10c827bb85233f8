package dev.ordersystem.orders.relay;

import static dev.ordersystem.orders.support.TestCaller.OPERATOR;
import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import dev.ordersystem.orders.support.OutboxRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Every state change made through the order API reaches the events topic exactly once (nothing fails in this test, so
 * nothing is replayed), in order per order, keyed by the order id, with the event id, type and traceparent in headers
 * and the envelope as the value.
 */
@TestPropertySource(
        properties = {
            "orders.relay.enabled=true",
            "orders.relay.instance-id=delivery-test",
            "orders.relay.slot-name=relay_delivery",
            "orders.relay.publication-name=relay_pub_delivery",
            "orders.relay.topic=orders.events.delivery",
            "orders.relay.offsets-topic=orders.relay.offsets.delivery",
            "orders.relay.heartbeat-interval=PT1S"
        })
@DirtiesContext
class RelayDeliveryIntegrationTests extends OrderApiTestSupport {

    private static final String TOPIC = "orders.events.delivery";
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final OrderEventJson EVENTS = new OrderEventJson();

    private static TopicReader<String, String> topic;

    @BeforeAll
    static void readTopic() {
        topic = TopicReader.ofStrings(LocalStackExtension.stack().bootstrapServers(), TOPIC);
    }

    @AfterAll
    static void closeReader() {
        topic.close();
    }

    @BeforeEach
    void relayIsStreaming() {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(json(as(OPERATOR).get("/actuator/health/relay"))
                                .path("details")
                                .path("streaming")
                                .asBoolean())
                        .isTrue());
    }

    @Test
    void publishesEveryStateChangeOnceInOrderPerOrderWithKeyHeadersAndEnvelope() {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID id = placeOrder(uniqueCustomer());
            orders.add(id);
            switch (i % 3) {
                case 0 -> {
                    transition(id, "pay", EventHeaders.TRACE_PARENT, TRACE);
                    transition(id, "ship");
                }
                case 1 -> as(STAFF).postJson("/orders/" + id + "/cancel", "{\"reason\": \"too slow\"}");
                default -> {
                    transition(id, "pay");
                    as(STAFF).postJson("/orders/" + id + "/cancel", "{}");
                }
            }
        }
        Map<UUID, EventEnvelope> written = outboxEnvelopes(orders);
        assertThat(written).hasSize(4 * 3 + 4 * 2 + 4 * 3);

        List<ConsumerRecord<String, String>> published = awaitEvents(written.keySet());

        // exactly once
        Map<String, Long> perId = published.stream()
                .collect(Collectors.groupingBy(
                        r -> TopicReader.header(r, EventHeaders.EVENT_ID).orElseThrow(), Collectors.counting()));
        assertThat(perId)
                .hasSize(written.size())
                .allSatisfy((id, count) ->
                        assertThat(count).as("copies of event %s", id).isEqualTo(1));
        Map<String, List<String>> typesPerOrder = new LinkedHashMap<>();
        Map<String, Set<Integer>> partitionsPerOrder = new HashMap<>();
        for (ConsumerRecord<String, String> record : published) {
            EventEnvelope envelope = EVENTS.read(record.value());
            assertThat(envelope).isEqualTo(written.get(envelope.eventId()));
            assertThat(record.key()).isEqualTo(envelope.aggregateId());
            assertThat(TopicReader.header(record, EventHeaders.EVENT_ID))
                    .hasValue(envelope.eventId().toString());
            assertThat(TopicReader.header(record, EventHeaders.EVENT_TYPE)).hasValue(envelope.eventType());
            assertThat(TopicReader.header(record, EventHeaders.TRACE_PARENT)).hasValue(envelope.traceParent());
            assertThat(TopicReader.headerCount(record, EventHeaders.EVENT_ID)).isEqualTo(1);
            typesPerOrder.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(envelope.eventType());
            partitionsPerOrder
                    .computeIfAbsent(record.key(), k -> new java.util.HashSet<>())
                    .add(record.partition());
        }
        for (int i = 0; i < orders.size(); i++) {
            String key = orders.get(i).toString();
            List<String> expected = switch (i % 3) {
                case 0 -> List.of("OrderPlaced", "OrderPaid", "OrderShipped");
                case 1 -> List.of("OrderPlaced", "OrderCancelled");
                default -> List.of("OrderPlaced", "OrderPaid", "OrderCancelled");
            };
            // a partition keeps the order of its records; each order's records are on one partition
            assertThat(typesPerOrder.get(key)).as("events of order %s", key).isEqualTo(expected);
            assertThat(partitionsPerOrder.get(key)).hasSize(1);
        }
        assertThat(published)
                .filteredOn(r -> r.key().equals(orders.get(0).toString()))
                .extracting(
                        r -> TopicReader.header(r, EventHeaders.TRACE_PARENT).orElseThrow())
                .element(1)
                .asString()
                .startsWith(TRACE.substring(0, 36)); // the caller's trace id, the span id of the service's request
    }

    @Test
    void leavesTheTraceparentHeaderOutWhenTheEventHasNone() {
        var stack = LocalStackExtension.stack();
        List<EventEnvelope> untraced = OutboxRows.lifeOfAnOrder(null);
        new OutboxRows(stack).insert(untraced);

        List<ConsumerRecord<String, String>> published =
                awaitEvents(untraced.stream().map(EventEnvelope::eventId).collect(Collectors.toSet()));

        assertThat(published).hasSize(3).allSatisfy(record -> {
            assertThat(record.headers().lastHeader(EventHeaders.TRACE_PARENT)).isNull();
            assertThat(TopicReader.header(record, EventHeaders.EVENT_TYPE)).isPresent();
            assertThat(EVENTS.read(record.value()).traceParent()).isNull();
        });
    }

    @Test
    void reportsItselfAsLeaderWithSlotAndProgressInHealthStatusAndMetrics() {
        UUID id = placeOrder(uniqueCustomer());
        awaitEvents(outboxEnvelopes(List.of(id)).keySet());

        var health = json(as(OPERATOR).get("/actuator/health"));
        var relay = health.path("components").path("relay");
        assertThat(relay.path("status").asString()).isEqualTo("UP");
        assertThat(relay.path("details").path("role").asString()).isEqualTo("LEADER");
        assertThat(relay.path("details").path("instance").asString()).isEqualTo("delivery-test");

        // readiness is what taking orders needs: the database, not the relay (nor Kafka)
        var readiness = json(as(OPERATOR).get("/actuator/health/readiness")).path("components");
        assertThat(readiness.has("db")).isTrue();
        assertThat(readiness.has("relay")).isFalse();
        assertThat(json(as(OPERATOR).get("/actuator/health/liveness"))
                        .path("components")
                        .has("db"))
                .isFalse();

        var status = json(as(OPERATOR).get("/actuator/relay"));
        assertThat(status.path("role").asString()).isEqualTo("LEADER");
        assertThat(status.path("leader").asString()).isEqualTo("delivery-test");
        assertThat(status.path("leaderEpoch").asLong()).isPositive();
        assertThat(status.path("leaseExpiresAt").asString()).isNotBlank();
        assertThat(status.path("local").path("epoch").asLong())
                .isEqualTo(status.path("leaderEpoch").asLong());
        assertThat(status.path("topic").asString()).isEqualTo(TOPIC);
        assertThat(status.path("slot").path("name").asString()).isEqualTo("relay_delivery");
        assertThat(status.path("slot").path("active").asBoolean()).isTrue();
        assertThat(status.path("slot").path("confirmedFlushLsn").asString()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(status.path("slot").path("retainedWalBytes").asLong()).isNotNegative();
        assertThat(status.path("local").path("lastProcessedLsn").asString()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(status.path("local").path("lastEventAt").asString()).isNotBlank();
        assertThat(status.path("local").path("eventsRelayed").asLong()).isPositive();

        String metrics = as(OPERATOR).get("/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern("(?m)^orders_relay_events_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^orders_relay_lag_seconds\\{[^}]*quantile=\"0.99\"[^}]*} ")
                .containsPattern("(?m)^orders_relay_lag_seconds_count(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^orders_relay_slot_retained_wal_bytes(\\{[^}]*})? [0-9]")
                .containsPattern("(?m)^orders_relay_leader(\\{[^}]*})? 1")
                .containsPattern("(?m)^orders_relay_epoch(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^orders_relay_epoch_events(\\{[^}]*})? [1-9]");
    }

    @Test
    void streamsThroughAPublicationOfOutboxInsertsOnly() {
        assertThat(jdbc.sql("select schemaname || '.' || tablename from pg_publication_tables"
                                + " where pubname = 'relay_pub_delivery'")
                        .query(String.class)
                        .list())
                .containsExactly("public.outbox");
        assertThat(jdbc.sql("select pubinsert and not pubupdate and not pubdelete and not pubtruncate"
                                + " from pg_publication where pubname = 'relay_pub_delivery'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("select plugin from pg_replication_slots where slot_name = 'relay_delivery'")
                        .query(String.class)
                        .single())
                .isEqualTo("pgoutput");
    }

    private Map<UUID, EventEnvelope> outboxEnvelopes(List<UUID> orders) {
        Map<UUID, EventEnvelope> envelopes = new LinkedHashMap<>();
        jdbc.sql("select payload::text from outbox where aggregate_id in (:ids) order by created_at")
                .param("ids", orders.stream().map(UUID::toString).toList())
                .query(String.class)
                .list()
                .forEach(payload -> {
                    EventEnvelope envelope = EVENTS.read(payload);
                    envelopes.put(envelope.eventId(), envelope);
                });
        return envelopes;
    }

    /** Waits until every event id is on the topic and returns the records that carry one of them. */
    private static List<ConsumerRecord<String, String>> awaitEvents(Set<UUID> eventIds) {
        Set<String> wanted = eventIds.stream().map(UUID::toString).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> topic.poll().stream()
                        .map(r -> TopicReader.header(r, EventHeaders.EVENT_ID).orElse(""))
                        .collect(Collectors.toSet())
                        .containsAll(wanted));
        return topic.poll().stream()
                .filter(r -> wanted.contains(
                        TopicReader.header(r, EventHeaders.EVENT_ID).orElse("")))
                .toList();
    }
}
