package dev.ordersystem.orders.relay;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * Actuator endpoint {@code relay} ({@code GET /actuator/relay}): this instance's role and what it relayed, and, read
 * from PostgreSQL so that every instance shows the same, the replication slot and the leader.
 */
@Endpoint(id = "relay")
record RelayEndpoint(RelayState state, SlotInspector slots, RelayProperties relay, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(RelayEndpoint.class);

    /**
     * @param instance this instance
     * @param leader the instance that holds the lease, or {@code null} when nobody does
     * @param leaderEpoch the epoch of that lease (one more at every acquisition)
     * @param leaseExpiresAt when that lease expires unless its holder renews it
     * @param slot the replication slot, or {@code null} before the relay first created it
     * @param local what this instance's relay did (LSN, last event, counts: only meaningful on the leader)
     */
    public record RelayStatus(
            String instance,
            String role,
            @Nullable String reason,
            @Nullable String leader,
            @Nullable Long leaderEpoch,
            @Nullable Instant leaseExpiresAt,
            String topic,
            String publication,
            SlotInspector.@Nullable Slot slot,
            RelayState.Snapshot local,
            @Nullable String databaseError,
            Instant at) {}

    @ReadOperation
    public RelayStatus status() {
        RelayState.Snapshot local = state.snapshot();
        SlotInspector.Slot slot = null;
        SlotInspector.Leader leader = null;
        String databaseError = null;
        try {
            slot = slots.slot().orElse(null);
            leader = slots.leader().orElse(null);
        } catch (RuntimeException e) {
            log.debug("Could not read the relay's state from PostgreSQL", e);
            databaseError = e.getMessage();
        }
        return new RelayStatus(
                relay.instanceId(),
                local.role().name(),
                local.reason(),
                leader == null ? null : leader.instanceId(),
                leader == null ? null : leader.epoch(),
                leader == null ? null : leader.expiresAt(),
                relay.topic(),
                relay.publicationName(),
                slot,
                local,
                databaseError,
                clock.instant());
    }
}
