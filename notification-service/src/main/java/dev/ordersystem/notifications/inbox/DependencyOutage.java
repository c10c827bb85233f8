package dev.ordersystem.notifications.inbox;

import dev.ordersystem.events.EventFormatException;
import dev.ordersystem.web.TransientFailures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ErrorHandlingUtils;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;

/**
 * Told of every failed attempt of a record by the listener's error handler. A transient failure
 * ({@link TransientFailures}) means a dependency is down: the first one starts an outage, logged once at WARN, and the
 * gauge {@code notifications.inbox.dependency.down} is 1 until a record succeeds again (logged at INFO with how long
 * it took). Any other failure is logged at WARN per attempt, as it ends in the dead-letter topic after the bounded
 * retries; a malformed record ({@link EventFormatException}) is not retried at all. Every failed attempt that is
 * retried is counted in {@code notifications.events.retries{failure=transient|error}}.
 */
@Component
class DependencyOutage implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(DependencyOutage.class);

    /**
     * An ongoing outage.
     *
     * @param cause the first failure, described
     * @param failedAttempts attempts failed since it started, over all records
     * @param mostAttempts most attempts of one record so far
     */
    record Outage(Instant since, String cause, long failedAttempts, int mostAttempts) {

        Outage attempted(int attempt) {
            return new Outage(since, cause, failedAttempts + 1, Math.max(mostAttempts, attempt));
        }
    }

    private final AtomicReference<@Nullable Outage> current = new AtomicReference<>();
    private final InboxMetrics metrics;
    private final Clock clock;

    DependencyOutage(InboxMetrics metrics, MeterRegistry meters, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        Gauge.builder("notifications.inbox.dependency.down", current, outage -> outage.get() == null ? 0 : 1)
                .description("1 while records are retried because a dependency (database, Kafka) cannot be reached")
                .register(meters);
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int deliveryAttempt) {
        if (ErrorHandlingUtils.findRootCause(ex) instanceof EventFormatException) {
            return; // not retried: dead-lettered at once, and logged then
        }
        String cause = describe(ex);
        if (!TransientFailures.isTransient(ex)) {
            metrics.retried("error");
            log.warn(
                    "Attempt {} of {}-{}@{} failed: {}. Retried with backoff up to notifications.retry.max-retries"
                            + " times, then dead-lettered",
                    deliveryAttempt,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    cause);
            return;
        }
        metrics.retried("transient");
        Outage started = new Outage(clock.instant(), cause, 1, deliveryAttempt);
        Outage before = current.getAndUpdate(outage -> outage == null ? started : outage.attempted(deliveryAttempt));
        if (before == null) {
            log.warn(
                    "A dependency cannot be reached ({}): {}-{}@{} and the records after it are retried without limit"
                            + " until it is back; none is dead-lettered",
                    cause,
                    record.topic(),
                    record.partition(),
                    record.offset());
        }
    }

    /** A record was handled: an outage, if there was one, is over. */
    void recordSucceeded() {
        if (current.get() == null) {
            return;
        }
        Outage ended = current.getAndSet(null);
        if (ended != null) {
            log.info(
                    "Dependency reachable again after {} s ({} failed attempts retried): records flow again",
                    Duration.between(ended.since(), clock.instant()).toSeconds(),
                    ended.failedAttempts());
        }
    }

    Optional<Outage> current() {
        return Optional.ofNullable(current.get());
    }

    /** The listener's exception and its innermost cause, which usually says what actually happened. */
    private static String describe(@Nullable Exception failure) {
        Exception e = ErrorHandlingUtils.findRootCause(failure);
        if (e == null) {
            return "unknown failure";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getClass().getSimpleName() + " (" + root + ")";
    }
}
