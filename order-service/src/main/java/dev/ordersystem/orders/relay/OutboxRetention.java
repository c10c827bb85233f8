package dev.ordersystem.orders.relay;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the outbox table small without ever deleting a row whose event may not be on Kafka yet: a row is deleted only
 * once the relay has confirmed it as published, and only when it is older than {@code orders.relay.outbox-retention}
 * (recent rows stay for operators). Age alone never deletes anything: the rows are what a re-snapshot publishes again
 * when the replication slot or the stored offsets are lost, so every row not yet confirmed must still be there.
 *
 * <p><b>How a row is known to be published.</b> Each run records a watermark: {@code pg_current_snapshot()} and
 * {@code pg_current_wal_insert_lsn()}, taken together by one statement. A transaction visible in that snapshot had
 * inserted its commit record before the snapshot was taken, so before that WAL position. The replication slot's
 * {@code confirmed_flush_lsn} moves only as far as the relay has marked changes processed, which it does only after
 * Kafka acknowledged them, in commit order. So once {@code confirmed_flush_lsn} has reached a watermark's position,
 * every outbox row written by a transaction visible in its snapshot ({@code pg_visible_in_snapshot(tx, snap)}, with
 * {@code tx < pg_snapshot_xmax(snap)} to use the index on {@code tx}) has been published and acknowledged. Rows of
 * transactions still running at the watermark are not visible in it and wait for a later one. Without a slot, nothing
 * is confirmed and nothing is deleted.
 *
 * <p>The job runs on the leader only, once its engine has been streaming from the WAL for a few offset flushes: during a
 * snapshot the slot may already be ahead of rows that the snapshot has not published yet. The watermarks of a slot that
 * disappeared are forgotten before a new one is created ({@link #forgetWatermarks()}). At most one watermark waits for
 * confirmation at a time, so the table stays tiny however long the slot is behind. Deletes are not published (the
 * publication publishes inserts only).
 */
public record OutboxRetention(JdbcClient jdbc, RelayState state, RelayProperties relay, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
    private static final int MAX_BATCHES_PER_RUN = 1_000;

    /** A snapshot and the WAL insert position taken with it. */
    private record Watermark(long id, String snapshot) {}

    @Scheduled(
            fixedDelayString = "${orders.relay.retention-interval:PT1M}",
            initialDelayString = "${orders.relay.retention-interval:PT1M}")
    public void purgeOnLeader() {
        Instant streamingSince = state.streamingSince();
        // streaming for a few offset flushes: the end of any snapshot is stored in the offsets topic
        if (streamingSince != null
                && streamingSince
                        .plus(relay.offsetFlushInterval().multipliedBy(3))
                        .isBefore(clock.instant())) {
            purgeConfirmed();
        }
    }

    /**
     * Deletes the rows older than the retention that the slot has confirmed (oldest first), then records a new
     * watermark if none is waiting for confirmation.
     *
     * @return how many rows were deleted
     */
    public int purgeConfirmed() {
        int total = confirmedWatermark().map(this::deleteVisibleIn).orElse(0);
        recordWatermark();
        if (total > 0) {
            log.info("Deleted {} published outbox rows older than {}", total, relay.outboxRetention());
        }
        return total;
    }

    /** Forgets the watermarks of the relay's slot: it is gone, a new slot knows nothing about their positions. */
    void forgetWatermarks() {
        jdbc.sql("delete from relay_watermark where slot_name = :slot")
                .param("slot", relay.slotName())
                .update();
    }

    /** The newest watermark whose WAL position the slot has confirmed; older ones are dropped. */
    private Optional<Watermark> confirmedWatermark() {
        Optional<Watermark> confirmed = jdbc.sql("select w.id, w.snap::text from relay_watermark w"
                        + " join pg_replication_slots s on s.slot_name = w.slot_name"
                        + " and s.database = current_database()"
                        + " where w.slot_name = :slot and w.wal_lsn <= s.confirmed_flush_lsn"
                        + " order by w.id desc limit 1")
                .param("slot", relay.slotName())
                .query((rs, row) -> new Watermark(rs.getLong(1), rs.getString(2)))
                .optional();
        confirmed.ifPresent(watermark -> jdbc.sql("delete from relay_watermark where slot_name = :slot and id < :id")
                .param("slot", relay.slotName())
                .param("id", watermark.id())
                .update());
        return confirmed;
    }

    private int deleteVisibleIn(Watermark watermark) {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(relay.outboxRetention()));
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = jdbc.sql("delete from outbox where id in (select id from outbox"
                            + " where tx < pg_snapshot_xmax(cast(:snap as pg_snapshot))"
                            + " and pg_visible_in_snapshot(tx, cast(:snap as pg_snapshot))"
                            + " and created_at < :cutoff order by tx limit :limit)")
                    .param("snap", watermark.snapshot())
                    .param("cutoff", cutoff)
                    .param("limit", relay.retentionBatchSize())
                    .update();
            total += deleted;
            if (deleted < relay.retentionBatchSize()) {
                break;
            }
        }
        return total;
    }

    /** A new watermark, while the slot exists and no earlier one waits for its confirmation. */
    private void recordWatermark() {
        jdbc.sql("insert into relay_watermark (slot_name, snap, wal_lsn)"
                        + " select s.slot_name, pg_current_snapshot(), pg_current_wal_insert_lsn()"
                        + " from pg_replication_slots s where s.slot_name = :slot and s.database = current_database()"
                        + " and not exists (select 1 from relay_watermark w where w.slot_name = s.slot_name"
                        + " and w.wal_lsn > s.confirmed_flush_lsn)")
                .param("slot", relay.slotName())
                .update();
    }
}
