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

    /** What the leader's engine does. */
    public enum Phase {
        /** Started, has relayed nothing yet. */
        STARTING,
        /** Publishing rows read from the outbox table (a first start, or a lost slot or lost offsets). */
        SNAPSHOT,
        /** Publishing from the WAL stream. */
        STREAMING
    }

    private final Clock clock;
    private final AtomicLong eventsRelayed = new AtomicLong();
    private final AtomicLong eventsRelayedInEpoch = new AtomicLong();
    private final AtomicLong engineStarts = new AtomicLong();
    private volatile Role role = Role.STARTING;
    private volatile @Nullable String reason;
    private volatile Instant roleSince;
    private volatile @Nullable Instant retryAt;
    private volatile long epoch;
    private volatile boolean snapshotting;
    private volatile @Nullable String snapshotReason;
    private volatile boolean streaming;
    private volatile @Nullable Instant streamingSince;
    private volatile @Nullable Instant engineStartedAt;
    private volatile @Nullable Long lastProcessedLsn;
    private volatile @Nullable Instant lastBatchAt;
    private volatile @Nullable Instant lastEventAt;
    private volatile @Nullable Instant lastEventCommittedAt;
    private volatile @Nullable Instant lastFencedAt;
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

    /** This instance took the lease with {@code epoch} and starts its engine. */
    void leaderStarting(long epoch) {
        moveTo(Role.LEADER, "starting the engine");
        this.epoch = epoch;
        eventsRelayedInEpoch.set(0);
        retryAt = null;
        snapshotting = false;
        snapshotReason = null;
        streaming = false;
        streamingSince = null;
        engineStartedAt = clock.instant();
        engineStarts.incrementAndGet();
    }

    /** The engine will first publish the rows of the outbox table, for this reason (shown while it does). */
    void snapshotExpected(String why) {
        snapshotReason = why;
    }

    /** The lease could not be kept: the engine was stopped and nothing more is published. */
    void fenced(String why) {
        standby(why);
        streaming = false;
        streamingSince = null;
        lastFencedAt = clock.instant();
        lastError = why;
        lastErrorAt = lastFencedAt;
    }

    private void leaderStreaming() {
        if (!streaming) {
            streaming = true;
            streamingSince = clock.instant();
            snapshotting = false;
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
     * @param snapshot whether it came from a snapshot of the outbox table rather than from the WAL stream
     */
    void batchProcessed(@Nullable Long lsn, boolean snapshot) {
        if (lsn != null) {
            lastProcessedLsn = lsn;
        }
        lastBatchAt = clock.instant();
        if (role != Role.LEADER) {
            // acknowledged after this instance was fenced or stopped: the phase and the reason shown stay as they are
            return;
        }
        if (snapshot) {
            snapshotting = true;
            String why = snapshotReason;
            reason = why != null ? why : "publishing the rows of the outbox table (snapshot)";
        } else {
            leaderStreaming();
        }
    }

    /** One event was acknowledged by Kafka. */
    void eventAcknowledged(Instant ackedAt, @Nullable Instant committedAt) {
        eventsRelayed.incrementAndGet();
        eventsRelayedInEpoch.incrementAndGet();
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

    /** The epoch of the lease this instance holds, or 0 when it does not lead. */
    long leaderEpoch() {
        return role == Role.LEADER ? epoch : 0;
    }

    /** Events acknowledged in the current (or, after it, the last) epoch of this instance. */
    long eventsRelayedInEpoch() {
        return eventsRelayedInEpoch.get();
    }

    /** Since when the engine has been streaming, or {@code null} when it is not. */
    @Nullable
    Instant streamingSince() {
        return isStreaming() ? streamingSince : null;
    }

    private @Nullable Phase phase() {
        if (role != Role.LEADER) {
            return null;
        }
        return streaming ? Phase.STREAMING : snapshotting ? Phase.SNAPSHOT : Phase.STARTING;
    }

    public Snapshot snapshot() {
        return new Snapshot(
                role,
                phase(),
                reason,
                roleSince,
                retryAt,
                isStreaming(),
                epoch == 0 ? null : epoch,
                snapshotReason,
                engineStartedAt,
                Math.max(0, engineStarts.get() - 1),
                eventsRelayed.get(),
                eventsRelayedInEpoch.get(),
                lastProcessedLsn == null ? null : Lsns.format(lastProcessedLsn),
                lastBatchAt,
                lastEventAt,
                lastEventCommittedAt,
                lastFencedAt,
                lastError,
                lastErrorAt);
    }

    /**
     * @param phase what the engine does, while this instance leads
     * @param epoch the lease epoch this instance holds, or held last; {@code null} if it never led
     * @param snapshotReason why the current (or last) engine run started with a snapshot of the outbox table, if it did
     * @param restarts engine starts after the first one
     * @param eventsRelayed events acknowledged by Kafka since this instance started
     * @param eventsRelayedInEpoch events acknowledged by Kafka under {@link #epoch}
     * @param lastProcessedLsn WAL position of the last change marked processed, {@code X/Y}
     * @param lastEventAt when Kafka acknowledged the last event
     * @param lastEventCommittedAt when the transaction of the last event committed
     * @param lastFencedAt when this instance last stopped publishing because it could not keep its lease
     */
    public record Snapshot(
            Role role,
            @Nullable Phase phase,
            @Nullable String reason,
            Instant roleSince,
            @Nullable Instant retryAt,
            boolean streaming,
            @Nullable Long epoch,
            @Nullable String snapshotReason,
            @Nullable Instant engineStartedAt,
            long restarts,
            long eventsRelayed,
            long eventsRelayedInEpoch,
            @Nullable String lastProcessedLsn,
            @Nullable Instant lastBatchAt,
            @Nullable Instant lastEventAt,
            @Nullable Instant lastEventCommittedAt,
            @Nullable Instant lastFencedAt,
            @Nullable String lastError,
            @Nullable Instant lastErrorAt) {}
}
