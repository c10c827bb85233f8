package dev.ordersystem.orders.relay;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code relay}: UP as LEADER (with its lease epoch, its phase, SNAPSHOT with the reason or
 * STREAMING, and what it relayed last) or STANDBY, DOWN with the reason when the engine failed or PostgreSQL cannot be
 * reached (and when the next restart is due). For alerting only: it is not part of the readiness group, since the
 * service takes orders whether the relay runs or not.
 */
record RelayHealthIndicator(RelayState state, String instanceId) implements HealthIndicator {

    @Override
    public Health health() {
        RelayState.Snapshot now = state.snapshot();
        Health.Builder health = switch (now.role()) {
            case DOWN, STOPPED -> Health.down();
            case STARTING, STANDBY, LEADER -> Health.up();
        };
        health.withDetail("role", now.role().name()).withDetail("instance", instanceId);
        if (now.reason() != null) {
            health.withDetail("reason", now.reason());
        }
        health.withDetail("since", now.roleSince().toString());
        if (now.retryAt() != null) {
            health.withDetail("retryAt", now.retryAt().toString());
        }
        health.withDetail("eventsRelayed", now.eventsRelayed());
        if (now.epoch() != null) {
            health.withDetail("epoch", now.epoch()).withDetail("eventsRelayedInEpoch", now.eventsRelayedInEpoch());
        }
        if (now.lastFencedAt() != null) {
            health.withDetail("lastFencedAt", now.lastFencedAt().toString());
        }
        if (now.role() == RelayState.Role.LEADER) {
            health.withDetail("phase", String.valueOf(now.phase())).withDetail("streaming", now.streaming());
            if (now.lastProcessedLsn() != null) {
                health.withDetail("lastProcessedLsn", now.lastProcessedLsn());
            }
            if (now.lastEventAt() != null) {
                health.withDetail("lastEventAt", now.lastEventAt().toString());
            }
        }
        return health.build();
    }
}
