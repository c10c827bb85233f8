package dev.ordersystem.orders.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import dev.ordersystem.orders.support.OutboxRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Retention deletes only rows the replication slot has confirmed as published, however old the others are: judged
 * against a slot of the test's own whose confirmed position the test moves ({@code pg_replication_slot_advance}), as
 * the relay's acknowledgements would.
 */
class OutboxRetentionIntegrationTests extends OrderApiTestSupport {

    private static final String SLOT = "retention_test";
    private static final Instant TWO_HOURS_AGO = Instant.now().minus(Duration.ofHours(2));

    private OutboxRows rows;
    private OutboxRetention retention;

    @BeforeEach
    void retentionOfTheTestSlot() {
        LocalStack stack = LocalStackExtension.stack();
        rows = new OutboxRows(stack);
        RelayProperties relay = new Binder(new MapConfigurationPropertySource(Map.of(
                        "orders.relay.slot-name", SLOT,
                        "orders.relay.outbox-retention", "PT1H",
                        "orders.relay.retention-batch-size", "2")))
                .bindOrCreate("orders.relay", RelayProperties.class);
        retention = new OutboxRetention(jdbc, new RelayState(Clock.systemUTC()), relay, Clock.systemUTC());
        dropSlot();
        retention.forgetWatermarks();
    }

    @AfterEach
    void dropTestSlot() {
        dropSlot();
        retention.forgetWatermarks();
    }

    @Test
    void keepsOldRowsTheSlotHasNotConfirmedAndDeletesThemOnceItHas() {
        createSlot();
        List<EventEnvelope> old = oldRows();
        List<EventEnvelope> recent = OutboxRows.lifeOfAnOrder(null);
        rows.insert(recent);

        // the slot is behind (no relay confirms anything): old or not, nothing is deleted
        for (int run = 0; run < 3; run++) {
            retention.purgeConfirmed();
        }
        assertThat(outboxRowsWithIds(old)).isEqualTo(old.size());

        advanceSlot(); // now past the watermark the first run recorded
        retention.purgeConfirmed();

        assertThat(outboxRowsWithIds(old)).isZero();
        assertThat(outboxRowsWithIds(recent)).as("younger than the retention").isEqualTo(recent.size());
    }

    @Test
    void deletesNothingWithoutASlot() {
        List<EventEnvelope> old = oldRows();

        retention.purgeConfirmed();
        retention.purgeConfirmed();

        assertThat(outboxRowsWithIds(old)).isEqualTo(old.size());
        assertThat(watermarks()).isZero();
    }

    @Test
    void keepsTheRowsOfATransactionStillRunningAtTheWatermarkUntilALaterOneIsConfirmed() throws Exception {
        createSlot();
        LocalStack stack = LocalStackExtension.stack();
        List<EventEnvelope> late = OutboxRows.lifeOfAnOrder(null);
        try (Connection running =
                DriverManager.getConnection(stack.jdbcUrl("orders"), stack.username(), stack.password())) {
            running.setAutoCommit(false);
            OutboxRows.insert(running, late, TWO_HOURS_AGO);
            retention.purgeConfirmed(); // the watermark: this transaction is still running
            running.commit();
        }
        advanceSlot();

        retention.purgeConfirmed(); // confirmed watermark, but the rows are not visible in its snapshot

        assertThat(outboxRowsWithIds(late)).isEqualTo(late.size());

        advanceSlot(); // past the watermark the last run recorded, after the commit
        retention.purgeConfirmed();

        assertThat(outboxRowsWithIds(late)).isZero();
    }

    private List<EventEnvelope> oldRows() {
        List<EventEnvelope> old = new ArrayList<>(OutboxRows.lifeOfAnOrder(null));
        old.addAll(OutboxRows.lifeOfAnOrder(null));
        rows.insert(old, TWO_HOURS_AGO);
        return old;
    }

    private long watermarks() {
        return ofSlot(SLOT, "select count(*) from relay_watermark where slot_name = :slot", Long.class);
    }

    private void createSlot() {
        onSlot(SLOT, "select pg_create_logical_replication_slot(:slot, 'pgoutput')");
    }

    /** Confirms everything written so far, as the relay does once Kafka acknowledged it. */
    private void advanceSlot() {
        onSlot(SLOT, "select pg_replication_slot_advance(:slot, pg_current_wal_insert_lsn())");
    }

    private void dropSlot() {
        onSlot(SLOT, "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = :slot");
    }
}
