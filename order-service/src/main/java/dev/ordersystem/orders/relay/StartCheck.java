package dev.ordersystem.orders.relay;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the new leader checks before each engine start, once it holds the lease:
 *
 * <ol>
 *   <li><b>The slot is free.</b> A slot still {@code active} is streamed by the walsender of an earlier leader whose
 *       lease has expired (it fenced itself, but PostgreSQL has not noticed yet that its connection is cut, which can
 *       take hours): that backend is terminated, allowed for the relay's own database role.
 *   <li><b>Slot and stored offsets agree.</b> The engine streams from the greater of the stored offset and the slot's
 *       confirmed position ({@code offset.mismatch.strategy=trust_greater_lsn}): both only ever move over events Kafka
 *       has acknowledged, so a slot ahead of the offsets (its last position was confirmed at a stop whose offset flush
 *       failed, e.g. during a Kafka outage) costs nothing. A slot that is <em>missing</em> while offsets exist was
 *       dropped or lost in a failover: its WAL is gone, and a new slot would silently start at the current position. So
 *       the stale offsets are removed; the engine then creates a new slot and publishes every retained outbox row again
 *       (retention keeps all rows not yet confirmed), ordered by {@code seq}, before it streams. Missing offsets (the
 *       offsets topic was deleted) lead to the same snapshot, from the existing slot. Both are logged as a WARN and
 *       shown in health as phase SNAPSHOT with the reason; they cause duplicates, never gaps.
 * </ol>
 */
record StartCheck(
        SlotInspector slots,
        StoredOffsets offsets,
        OutboxRetention retention,
        JdbcClient jdbc,
        RelayState state,
        RelayProperties relay) {

    private static final Logger log = LoggerFactory.getLogger(StartCheck.class);
    private static final Duration SLOT_RELEASE_WAIT = Duration.ofSeconds(10);

    /** Frees the slot and settles the offsets; tells the state when the engine will start with a snapshot. */
    void prepare() throws InterruptedException {
        Optional<SlotInspector.Slot> slot = slots.slot();
        if (slot.isPresent() && slot.get().active() && slot.get().activePid() != null) {
            freeSlot(slot.get().activePid());
        }
        Optional<StoredOffsets.Stored> stored = offsets.read();
        if (slot.isEmpty()) {
            retention.forgetWatermarks();
            long rows = outboxRows();
            if (stored.isPresent()) {
                offsets.remove(stored.get());
                log.warn(
                        "The replication slot {} is missing although the relay's offsets are stored (last position {}):"
                                + " it was dropped, or lost in a database failover, and the WAL it kept is gone."
                                + " Removed the stale offsets; the engine creates a new slot and publishes all {}"
                                + " retained outbox rows again (those never confirmed included), in commit order per"
                                + " order, then streams. Consumers see duplicates, no gaps.",
                        relay.slotName(),
                        format(stored.get().lsn()),
                        rows);
                state.snapshotExpected("the replication slot was missing (dropped, or lost in a failover):"
                        + " publishing the " + rows + " retained outbox rows again, in commit order");
            } else {
                log.info(
                        "First start of replication slot {}: publishing the {} outbox rows written before",
                        relay.slotName(),
                        rows);
                state.snapshotExpected(
                        "first start of the slot: publishing the " + rows + " outbox rows written before it existed");
            }
            return;
        }
        if (stored.isEmpty()) {
            long rows = outboxRows();
            log.warn(
                    "The relay's offsets are missing from topic {} (deleted or emptied) while replication slot {}"
                            + " exists: the engine publishes all {} retained outbox rows again, in commit order per"
                            + " order, then streams from the slot. Consumers see duplicates, no gaps.",
                    relay.offsetsTopic(),
                    relay.slotName(),
                    rows);
            state.snapshotExpected("the stored offsets were missing: publishing the " + rows
                    + " retained outbox rows again, in commit order");
        } else if (stored.get().snapshotInProgress()) {
            state.snapshotExpected("repeating a snapshot that was interrupted: publishing the retained outbox rows");
        }
    }

    private void freeSlot(int pid) throws InterruptedException {
        log.warn(
                "Replication slot {} is still streamed by backend {}, a walsender of an earlier leader whose lease"
                        + " expired (its connection is cut or hangs); terminating it",
                relay.slotName(),
                pid);
        jdbc.sql("select pg_terminate_backend(:pid)")
                .param("pid", pid)
                .query(Boolean.class)
                .single();
        long deadline = System.nanoTime() + SLOT_RELEASE_WAIT.toNanos();
        while (slots.slot().map(SlotInspector.Slot::active).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new RelayException("Replication slot " + relay.slotName() + " is still in use by backend " + pid
                        + " " + SLOT_RELEASE_WAIT + " after it was terminated");
            }
            Thread.sleep(100);
        }
    }

    private long outboxRows() {
        return jdbc.sql("select count(*) from outbox").query(Long.class).single();
    }

    private static String format(@Nullable Long lsn) {
        return lsn == null ? "unknown" : Lsns.format(lsn);
    }
}
