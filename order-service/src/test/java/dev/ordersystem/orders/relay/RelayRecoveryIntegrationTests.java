package dev.ordersystem.orders.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.orders.support.PublishedEvents;
import dev.ordersystem.orders.support.RelayTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Losing the replication slot or the offsets topic is recovered by the relay itself: every event still ends up on
 * Kafka, each order's events (first copies) in commit order; duplicates are allowed, the consumers' inbox absorbs
 * them. Checked on the topic.
 */
@TestPropertySource(
        properties = {
            "orders.relay.enabled=true",
            "orders.relay.instance-id=recovery-test",
            "orders.relay.slot-name=relay_recovery",
            "orders.relay.publication-name=relay_pub_recovery",
            "orders.relay.topic=" + RelayRecoveryIntegrationTests.TOPIC,
            "orders.relay.offsets-topic=orders.relay.offsets.recovery",
            "orders.relay.heartbeat-interval=PT1S",
            "orders.relay.restart-backoff.initial=PT2S"
        })
@DirtiesContext
class RelayRecoveryIntegrationTests extends RelayTestSupport {

    static final String TOPIC = "orders.events.recovery";
    private static final String SLOT = "relay_recovery";

    @Test
    void republishesEveryRetainedRowInCommitOrderWhenTheSlotWasDroppedWhileTheRelayWasStopped() {
        List<EventEnvelope> written = new ArrayList<>(outbox.insertLives(20));
        awaitOnTopic(written);
        relay.stop();
        await().atMost(Duration.ofSeconds(15)).until(() -> !slotActive());
        onSlot(SLOT, "select pg_drop_replication_slot(:slot)");

        // in no slot's WAL: only the table still has these
        written.addAll(outbox.insertLives(20));
        // the table's physical order is random now (by event id): only ORDER BY seq gives commit order
        jdbc.sql("cluster outbox using outbox_pkey").update();
        relay.start();

        PublishedEvents published = awaitOnTopic(written);
        assertThat(published.firstCopyTypesPerOrder()).isEqualTo(published.writtenTypesPerOrder());
        assertThat(relayStatus().path("local").path("snapshotReason").asString())
                .contains("replication slot was missing");
        assertThat(slotActive()).isTrue();
    }

    @Test
    void republishesEveryRetainedRowInCommitOrderWhenTheSlotIsDroppedWhileTheRelayRuns() {
        List<EventEnvelope> written = new ArrayList<>(outbox.insertLives(10));
        awaitOnTopic(written);

        // end the walsender and drop its slot before the relay restarts the engine (2 s backoff here)
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(this::dropSlot);
        written.addAll(outbox.insertLives(10));

        PublishedEvents published = awaitOnTopic(written);
        assertThat(published.firstCopyTypesPerOrder()).isEqualTo(published.writtenTypesPerOrder());
        assertThat(relayStatus().path("local").path("snapshotReason").asString())
                .contains("replication slot was missing");
    }

    @Test
    void republishesEveryRetainedRowInCommitOrderWhenTheOffsetsTopicWasDeleted() throws Exception {
        List<EventEnvelope> before = outbox.insertLives(10);
        awaitOnTopic(before);
        relay.stop();
        try (Admin admin = Admin.create(
                Map.of("bootstrap.servers", LocalStackExtension.stack().bootstrapServers()))) {
            admin.deleteTopics(List.of("orders.relay.offsets.recovery")).all().get();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get().contains("orders.relay.offsets.recovery"));
        }
        List<EventEnvelope> written = new ArrayList<>(before);
        written.addAll(outbox.insertLives(10));
        relay.start();

        PublishedEvents published = awaitOnTopic(written);
        assertThat(published.firstCopyTypesPerOrder()).isEqualTo(published.writtenTypesPerOrder());
        // published before the offsets were lost, and again by the snapshot
        assertThat(before)
                .allSatisfy(event -> assertThat(published.copiesOf(event)).isGreaterThanOrEqualTo(2));
        assertThat(relayStatus().path("local").path("snapshotReason").asString())
                .contains("offsets were missing");
    }

    private boolean dropSlot() {
        onSlot(
                SLOT,
                "select pg_terminate_backend(active_pid) from pg_replication_slots"
                        + " where slot_name = :slot and active");
        try {
            onSlot(SLOT, "select pg_drop_replication_slot(:slot)");
            return true;
        } catch (RuntimeException stillActive) {
            return false;
        }
    }

    private boolean slotActive() {
        return ofSlot(
                SLOT,
                "select coalesce(bool_or(active), false) from pg_replication_slots where slot_name = :slot",
                Boolean.class);
    }
}
