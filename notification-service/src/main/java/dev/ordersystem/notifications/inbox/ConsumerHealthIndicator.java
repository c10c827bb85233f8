package dev.ordersystem.notifications.inbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code consumer} health component: DOWN while records are retried because a dependency cannot be reached (since
 * when, why, how many attempts), UP otherwise. For alerting only: readiness does not include it, as the instance still
 * serves its feed when it cannot consume.
 */
@Component("consumerHealthIndicator")
class ConsumerHealthIndicator implements HealthIndicator {

    private final DependencyOutage outage;

    ConsumerHealthIndicator(DependencyOutage outage) {
        this.outage = outage;
    }

    @Override
    public Health health() {
        return outage.current()
                .map(current -> Health.down()
                        .withDetail("retryingSince", current.since())
                        .withDetail("cause", current.cause())
                        .withDetail("failedAttempts", current.failedAttempts())
                        .withDetail("mostAttemptsOfOneRecord", current.mostAttempts())
                        .build())
                .orElseGet(() -> Health.up().build());
    }
}
