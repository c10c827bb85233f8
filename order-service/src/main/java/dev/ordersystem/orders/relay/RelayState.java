package dev.ordersystem.orders.relay;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What this instance's relay is doing right now, as health, metrics and the status endpoint show it. Written by the
 * relay's threads, read by any thread; every field is published on its own (volatile), a {@link #snapshot()} is
 * consistent enough for operators.
 */
public final class RelayState {

    /** The part this instance plays. */
    public enum Role {
        /** Started, has not tried to take the lease yet. */
        STARTING,
        /** Another instance holds the lease; this one polls for it. */
        STANDBY,
        /** Holds the lease and runs the engine. */
        LEADER,
        /** The engine failed or the database cannot be reached; retrying after a backoff. */
        DOWN,
        /** Shut down. */
        STOPPED
    }

    private final Clock clock;
    private final AtomicLong eventsRelayed = new AtomicLong();
    private final AtomicLong engineStarts = new AtomicLong();
    private volatile Role role = Role.STARTING;
    private volatile @Nullable String reason;
    private volatile Instant roleSince;
    private volatile @Nullable Instant retryAt;
    private volatile boolean streaming;
    private volatile @Nullable Instant streamingSince;
    private volatile @Nullable Instant engineStartedAt;
    private volatile @Nullable Long lastProcessedLsn;
    private volatile @Nullable Instant lastBatchAt;
    private volatile @Nullable Instant lastEventAt;
    private volatile @Nullable Instant lastEventCommittedAt;
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant lastErrorAt;

    public RelayState(Clock clock) {
        this.clock = clock;
        this.roleSince = clock.instant();
    }

    void standby(@Nullable String why) {
        moveTo(Role.STANDBY, why);
        retryAt = null;
    }

    void leaderStarting() {
        moveTo(Role.LEADER, "starting the engine");
        retryAt = null;
        streaming = false;
        streamingSince = null;
        engineStartedAt = clock.instant();
        engineStarts.incrementAndGet();
    }

    private void leaderStreaming() {
        if (!streaming) {
            streaming = true;
            streamingSince = clock.instant();
            reason = null;
        }
    }

    void down(String why, Instant retryAt) {
        moveTo(Role.DOWN, why);
        this.retryAt = retryAt;
        this.streaming = false;
        this.streamingSince = null;
        this.lastError = why;
        this.lastErrorAt = clock.instant();
    }

    void stopped() {
        moveTo(Role.STOPPED, "shut down");
        streaming = false;
    }

    /**
     * A batch (events, heartbeats or both) was acknowledged by Kafka and marked processed.
     *
     * @param snapshot whether it came from the initial snapshot of the outbox rather than from the WAL stream
     */
    void batchProcessed(@Nullable Long lsn, boolean snapshot) {
        if (lsn != null) {
            lastProcessedLsn = lsn;
        }
        lastBatchAt = clock.instant();
        if (snapshot) {
            reason = "reading the outbox rows written before the relay first ran (initial snapshot)";
        } else {
            leaderStreaming();
        }
    }

    /** One event was acknowledged by Kafka. */
    void eventAcknowledged(Instant ackedAt, @Nullable Instant committedAt) {
        eventsRelayed.incrementAndGet();
        lastEventAt = ackedAt;
        if (committedAt != null) {
            lastEventCommittedAt = committedAt;
        }
    }

    private void moveTo(Role next, @Nullable String why) {
        if (role != next) {
            roleSince = clock.instant();
        }
        role = next;
        reason = why;
    }

    public Role role() {
        return role;
    }

    /** Whether the engine runs here and has relayed at least one batch from the WAL stream since it started. */
    public boolean isStreaming() {
        return role == Role.LEADER && streaming;
    }

    /** Since when the engine has been streaming, or {@code null} when it is not. */
    @Nullable
    Instant streamingSince() {
        return isStreaming() ? streamingSince : null;
    }

    public Snapshot snapshot() {
        return new Snapshot(
                role,
                reason,
                roleSince,
                retryAt,
                isStreaming(),
                engineStartedAt,
                Math.max(0, engineStarts.get() - 1),
                eventsRelayed.get(),
                lastProcessedLsn == null ? null : Lsns.format(lastProcessedLsn),
                lastBatchAt,
                lastEventAt,
                lastEventCommittedAt,
                lastError,
                lastErrorAt);
    }

    /**
     * @param restarts engine starts after the first one
     * @param eventsRelayed events acknowledged by Kafka since this instance started
     * @param lastProcessedLsn WAL position of the last change marked processed, {@code X/Y}
     * @param lastEventAt when Kafka acknowledged the last event
     * @param lastEventCommittedAt when the transaction of the last event committed
     */
    public record Snapshot(
            Role role,
            @Nullable String reason,
            Instant roleSince,
            @Nullable Instant retryAt,
            boolean streaming,
            @Nullable Instant engineStartedAt,
            long restarts,
            long eventsRelayed,
            @Nullable String lastProcessedLsn,
            @Nullable Instant lastBatchAt,
            @Nullable Instant lastEventAt,
            @Nullable Instant lastEventCommittedAt,
            @Nullable String lastError,
            @Nullable Instant lastErrorAt) {}
}
