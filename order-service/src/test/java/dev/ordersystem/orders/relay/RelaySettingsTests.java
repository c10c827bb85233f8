package dev.ordersystem.orders.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersystem.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The relay's settings: defaults, validation, backoff, and the Debezium configuration derived from them. */
class RelaySettingsTests {

    private static final RelayDatabase DATABASE =
            RelayDatabase.of("jdbc:postgresql://db.example:6543/orders?sslmode=disable", "app", "secret");

    @Test
    void readsHostPortAndDatabaseFromTheJdbcUrl() {
        assertThat(DATABASE.host()).isEqualTo("db.example");
        assertThat(DATABASE.port()).isEqualTo(6543);
        assertThat(DATABASE.database()).isEqualTo("orders");
        assertThat(DATABASE.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> RelayDatabase.of("jdbc:postgresql://a:1,b:2/orders", "u", "p"))
                .hasMessageContaining("several hosts");
    }

    @Test
    void backoffGrowsExponentiallyUpToItsCap() {
        var backoff = new RelayProperties.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0);

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(100)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void defaultsTheInstanceIdToHostAndPidAndRejectsAQueueNotLargerThanABatch() {
        assertThat(properties(2048, 8192, null).instanceId())
                .endsWith("-" + ProcessHandle.current().pid());
        assertThatThrownBy(() -> properties(100, 100, "x")).hasMessageContaining("max-queue-size");
    }

    @Test
    void configuresDebeziumForTheOutboxWithDurableSharedOffsetsAndHeartbeats() {
        Properties engine = EngineSettings.of(properties(2048, 8192, "i1"), DATABASE, "kafka:9092");

        assertThat(engine)
                .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("plugin.name", "pgoutput")
                .containsEntry("slot.name", "order_outbox_relay")
                .containsEntry("publication.name", "order_outbox_publication")
                .containsEntry("publication.autocreate.mode", "filtered")
                .containsEntry("table.include.list", "public.outbox")
                .containsEntry("skipped.operations", "u,d,t")
                .containsEntry("snapshot.mode", "initial")
                .containsEntry("offset.storage", RelayOffsetStore.class.getName())
                .containsEntry("offset.storage.topic", Topics.RELAY_OFFSETS)
                .containsEntry("offset.flush.interval.ms", "1000")
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("heartbeat.interval.ms", "10000")
                .containsEntry("message.prefix.include.list", EngineSettings.HEARTBEAT_MESSAGE_PREFIX)
                .containsEntry("errors.max.retries", "0")
                .containsEntry("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter")
                .containsEntry("transforms.outbox.route.topic.replacement", Topics.ORDER_EVENTS)
                .containsEntry("transforms.outbox.table.field.event.key", "aggregate_id")
                .containsEntry(
                        "transforms.outbox.table.fields.additional.placement",
                        "type:header:eventType,trace_parent:header:traceparent")
                .containsEntry("database.hostname", "db.example")
                .containsEntry("database.port", "6543")
                .containsEntry("database.dbname", "orders");
        assertThat(engine.getProperty("heartbeat.action.query"))
                .isEqualTo("SELECT pg_logical_emit_message(false, 'order-relay-heartbeat', now()::text)");
    }

    @Test
    void producesWithAcksAllIdempotentlyWithinTheDeliveryTimeout() {
        Map<String, Object> producer = EngineRun.producerSettings(properties(2048, 8192, "i1"), "kafka:9092");

        assertThat(producer)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("max.in.flight.requests.per.connection", 5)
                .containsEntry("delivery.timeout.ms", 120_000)
                .containsEntry("bootstrap.servers", "kafka:9092");
        assertThat((int) producer.get("request.timeout.ms") + (int) producer.get("linger.ms"))
                .isLessThanOrEqualTo(120_000);
    }

    @Test
    void leaseKeyIsStablePerSlotAndFitsThirtyTwoBits() {
        assertThat(LeaderLease.keyFor("order_outbox_relay")).isEqualTo(LeaderLease.keyFor("order_outbox_relay"));
        assertThat(LeaderLease.keyFor("order_outbox_relay")).isNotEqualTo(LeaderLease.keyFor("other_slot"));
        assertThat(LeaderLease.keyFor("order_outbox_relay")).isBetween(0L, 0xFFFFFFFFL);
        assertThat(LeaderLease.applicationName("x".repeat(100))).hasSize(63).startsWith("order-relay:");
    }

    @Test
    void formatsLsnsLikePostgres() {
        assertThat(Lsns.format(0x16B3748L)).isEqualTo("0/16B3748");
        assertThat(Lsns.format((3L << 32) | 0xAL)).isEqualTo("3/A");
    }

    private static RelayProperties properties(int maxBatchSize, int maxQueueSize, String instanceId) {
        return new RelayProperties(
                true,
                Topics.ORDER_EVENTS,
                6,
                (short) 1,
                1,
                "order_outbox_relay",
                "order_outbox_publication",
                Topics.RELAY_OFFSETS,
                Duration.ofMillis(20),
                maxBatchSize,
                maxQueueSize,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                new RelayProperties.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0),
                Duration.ofMinutes(2),
                Duration.ofMillis(1),
                Duration.ofHours(1),
                1000,
                Duration.ofMinutes(1),
                instanceId,
                Map.of());
    }
}
