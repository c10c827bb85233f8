package dev.ordersystem.orders.relay;

import static dev.ordersystem.orders.support.TestCaller.ANONYMOUS;
import static dev.ordersystem.orders.support.TestCaller.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import dev.ordersystem.orders.support.OutboxRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What operators rely on: the outbox stays small, WAL cannot pile up behind the slot, failures show and heal, a lost
 * lease stops the relay at once.
 */
@TestPropertySource(
        properties = {
            "orders.relay.enabled=true",
            "orders.relay.instance-id=operations-test",
            "orders.relay.slot-name=relay_operations",
            "orders.relay.publication-name=relay_pub_operations",
            "orders.relay.topic=orders.events.operations",
            "orders.relay.offsets-topic=orders.relay.offsets.operations",
            "orders.relay.heartbeat-interval=PT1S",
            "orders.relay.restart-backoff.initial=PT3S",
            "orders.relay.outbox-retention=PT1H",
            "orders.relay.retention-batch-size=2",
            "orders.relay.retention-interval=PT1S"
        })
@DirtiesContext
class RelayOperationsIntegrationTests extends OrderApiTestSupport {

    private static final long MIB = 1024 * 1024;

    @Autowired
    OutboxRetention retention;

    @BeforeEach
    void relayIsStreaming() {
        awaitStreaming(Duration.ofSeconds(60));
    }

    @Test
    void retentionJobDeletesPublishedOutboxRowsOlderThanTheRetentionAndKeepsNewerOnes() {
        LocalStack stack = LocalStackExtension.stack();
        OutboxRows rows = new OutboxRows(stack);
        List<EventEnvelope> old = new ArrayList<>(OutboxRows.lifeOfAnOrder(null));
        old.addAll(OutboxRows.lifeOfAnOrder(null));
        List<EventEnvelope> recent = OutboxRows.lifeOfAnOrder(null);
        rows.insert(old, Instant.now().minus(Duration.ofHours(2)));
        rows.insert(recent, Instant.now().minus(Duration.ofMinutes(50)));
        assertThat(outboxRowsWithIds(old)).isEqualTo(old.size());

        // the scheduled job (every second here, in batches of two) runs on the leader, and deletes them once the slot
        // has confirmed a watermark taken after they were written (the heartbeat, every second here, moves it)
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> outboxRowsWithIds(old) == 0);

        assertThat(outboxRowsWithIds(recent)).isEqualTo(recent.size());
        assertThat(retention.purgeConfirmed()).isZero();
        assertThat(outboxRowsWithIds(recent)).isEqualTo(recent.size());
    }

    @Test
    void heartbeatsKeepTheSlotsWalBoundedWhileOnlyOtherTablesAreWritten() {
        jdbc.sql("create table if not exists relay_scratch (id bigserial primary key, filler text not null)")
                .update();
        long startLsnBytes = currentWalBytes();
        AtomicLong maxUnconfirmed = new AtomicLong();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try {
            // ~2 MiB of WAL per second into a table the publication does not cover: the outbox stays idle
            writer.scheduleAtFixedRate(
                    () -> jdbc.sql("insert into relay_scratch (filler) select repeat(md5(random()::text), 16)"
                                    + " from generate_series(1, 2000)")
                            .update(),
                    0,
                    500,
                    TimeUnit.MILLISECONDS);
            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> true);
            await().during(Duration.ofSeconds(16))
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        long unconfirmed = unconfirmedWalBytes();
                        maxUnconfirmed.accumulateAndGet(unconfirmed, Math::max);
                        assertThat(unconfirmed)
                                .as("WAL written since the slot's confirmed_flush_lsn")
                                .isLessThan(12 * MIB);
                    });
        } finally {
            writer.shutdownNow();
        }
        long written = currentWalBytes() - startLsnBytes;
        assertThat(written).as("WAL written by the test").isGreaterThan(30 * MIB);
        // restart_lsn follows confirmed_flush_lsn at the next xl_running_xacts record (every 15 s when WAL is written)
        long waitStart = System.nanoTime();
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(relayStatus()
                                .path("slot")
                                .path("retainedWalBytes")
                                .asLong())
                        .isLessThan(16 * MIB));
        System.out.printf(
                "WAL test: %d MiB written to another table, at most %.1f MiB unconfirmed by the slot,"
                        + " retained WAL below 16 MiB %d s after the writes stopped%n",
                written / MIB,
                maxUnconfirmed.get() / (double) MIB,
                Duration.ofNanos(System.nanoTime() - waitStart).toSeconds());
        assertThat(as(OPERATOR).get("/actuator/prometheus").body())
                .containsPattern("(?m)^orders_relay_slot_retained_wal_bytes(\\{[^}]*})? [0-9.E]+$");
    }

    @Test
    void engineFailureShowsAsDownWithTheReasonAndTheRelayRestartsWithoutLosingEvents() {
        LocalStack stack = LocalStackExtension.stack();
        long restartsBefore = relayStatus().path("local").path("restarts").asLong();
        try (var topic = TopicReader.ofStrings(stack.bootstrapServers(), "orders.events.operations")) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> relayStatus().path("slot").path("active").asBoolean());
            // the walsender of the relay's slot dies, as on a database failover or an admin's pg_terminate_backend
            int terminated = jdbc.sql("select count(pg_terminate_backend(active_pid)) from pg_replication_slots"
                            + " where slot_name = 'relay_operations' and active")
                    .query(Integer.class)
                    .single();
            assertThat(terminated).isEqualTo(1);
            UUID placedWhileDown = placeOrder(uniqueCustomer());

            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        var health = as(OPERATOR).get("/actuator/health/relay");
                        assertThat(health.statusCode()).isEqualTo(503);
                        var details = json(health).path("details");
                        assertThat(json(health).path("status").asString()).isEqualTo("DOWN");
                        assertThat(details.path("role").asString()).isEqualTo("DOWN");
                        assertThat(details.path("reason").asString()).isNotBlank();
                        assertThat(details.path("retryAt").asString()).isNotBlank();
                    });
            assertThat(relayStatus().path("local").path("lastError").asString()).isNotBlank();
            // the service still takes orders: readiness does not depend on the relay
            assertThat(as(ANONYMOUS).get("/actuator/health/readiness").statusCode())
                    .isEqualTo(200);

            awaitStreaming(Duration.ofSeconds(30));
            assertThat(relayStatus().path("local").path("restarts").asLong()).isGreaterThan(restartsBefore);
            UUID placedAfter = placeOrder(uniqueCustomer());
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(topic.poll())
                            .extracting(r -> r.key())
                            .contains(placedWhileDown.toString(), placedAfter.toString()));
        }
    }

    @Test
    void stopsPublishingAtOnceWhenAnotherInstanceTakesTheLeaseAndTakesItBackAfterItExpires() {
        LocalStack stack = LocalStackExtension.stack();
        long epoch = relayStatus().path("leaderEpoch").asLong();
        try (var topic = TopicReader.ofStrings(stack.bootstrapServers(), "orders.events.operations")) {
            // as if another instance had taken over (e.g. after this one was cut off for longer than the TTL)
            int taken = jdbc.sql("update relay_lease set holder = 'intruder', epoch = epoch + 1,"
                            + " expires_at = now() + interval '4 seconds' where slot_name = 'relay_operations'")
                    .update();
            assertThat(taken).isEqualTo(1);

            // the next renewal (every second) finds the lease gone: the relay fences itself
            await().atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        var details = relayHealth().path("details");
                        assertThat(details.path("role").asString()).isEqualTo("STANDBY");
                        assertThat(details.path("reason").asString()).contains("lost the relay lease");
                        assertThat(details.path("lastFencedAt").asString()).isNotBlank();
                    });
            assertThat(relayStatus().path("leader").asString()).isEqualTo("intruder");
            UUID placedWithoutLeader = placeOrder(uniqueCustomer());

            // once the intruder's lease expires, this instance takes it with a new epoch and publishes again
            awaitStreaming(Duration.ofSeconds(30));
            assertThat(relayStatus().path("leader").asString()).isEqualTo("operations-test");
            assertThat(relayStatus().path("leaderEpoch").asLong()).isEqualTo(epoch + 2);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(topic.poll()).extracting(r -> r.key()).contains(placedWithoutLeader.toString()));
        }
    }

    /** Waits until this instance leads the relay and streams. */
    private void awaitStreaming(Duration atMost) {
        await().atMost(atMost)
                .until(() -> relayHealth().path("details").path("streaming").asBoolean());
    }

    private JsonNode relayHealth() {
        return json(as(OPERATOR).get("/actuator/health/relay"));
    }

    private JsonNode relayStatus() {
        return json(as(OPERATOR).get("/actuator/relay"));
    }

    private long currentWalBytes() {
        return jdbc.sql("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")
                .query(Long.class)
                .single();
    }

    private long unconfirmedWalBytes() {
        return jdbc.sql("select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
                        + " from pg_replication_slots where slot_name = 'relay_operations'")
                .query(Long.class)
                .single();
    }
}
