package dev.ordersystem.orders.relay;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code relay}: UP as LEADER (with what it relayed last) or STANDBY, DOWN with the reason when the
 * engine failed or PostgreSQL cannot be reached (and when the next restart is due).
 */
class RelayHealthIndicator implements HealthIndicator {

    private final RelayState state;
    private final String instanceId;

    RelayHealthIndicator(RelayState state, String instanceId) {
        this.state = state;
        this.instanceId = instanceId;
    }

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
        if (now.role() == RelayState.Role.LEADER) {
            health.withDetail("streaming", now.streaming()).withDetail("eventsRelayed", now.eventsRelayed());
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
