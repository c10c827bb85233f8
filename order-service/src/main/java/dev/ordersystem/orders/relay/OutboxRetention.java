package dev.ordersystem.orders.relay;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the outbox table small: deletes rows older than {@code orders.relay.outbox-retention}, in batches of {@code
 * retention-batch-size}, each batch its own short transaction.
 *
 * <p>Deleting a row never loses its event: the relay reads the insert from the WAL, which the replication slot keeps
 * until the event is on Kafka. The one time the relay reads the table itself is its very first start (the initial
 * snapshot); so the job only runs on the leader, once its engine is streaming from the WAL, i.e. after that snapshot
 * and after the offsets that say so were stored. The deletes are not published (the publication publishes inserts
 * only).
 */
public class OutboxRetention {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
    private static final int MAX_BATCHES_PER_RUN = 1_000;

    private final JdbcClient jdbc;
    private final RelayState state;
    private final RelayProperties relay;
    private final Clock clock;

    OutboxRetention(JdbcClient jdbc, RelayState state, RelayProperties relay, Clock clock) {
        this.jdbc = jdbc;
        this.state = state;
        this.relay = relay;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${orders.relay.retention-interval:PT1M}",
            initialDelayString = "${orders.relay.retention-interval:PT1M}")
    public void purgeOnLeader() {
        Instant streamingSince = state.streamingSince();
        // streaming for a few offset flushes: the end of the initial snapshot is stored in the offsets topic
        if (streamingSince != null
                && streamingSince
                        .plus(relay.offsetFlushInterval().multipliedBy(3))
                        .isBefore(clock.instant())) {
            purgeExpired();
        }
    }

    /**
     * Deletes the rows older than the retention, oldest first.
     *
     * @return how many rows were deleted
     */
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(relay.outboxRetention());
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = jdbc.sql("delete from outbox where id in (select id from outbox where created_at < :cutoff"
                            + " order by created_at limit :limit)")
                    .param("cutoff", Timestamp.from(cutoff))
                    .param("limit", relay.retentionBatchSize())
                    .update();
            total += deleted;
            if (deleted < relay.retentionBatchSize()) {
                break;
            }
        }
        if (total > 0) {
            log.info("Deleted {} outbox rows older than {}", total, relay.outboxRetention());
        }
        return total;
    }
}
