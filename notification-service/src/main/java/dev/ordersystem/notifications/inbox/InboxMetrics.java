package dev.ordersystem.notifications.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The inbox's counters, each registered once per set of tags and then reused: {@code notifications.events}
 * ({@code eventType}, {@code outcome} notified or duplicate), {@code notifications.events.skipped} ({@code reason},
 * {@code eventType}), {@code notifications.events.header.mismatch} ({@code field}) and
 * {@code notifications.events.retries} ({@code failure}), {@code notifications.events.parked} and
 * {@code notifications.events.dead.lettered} ({@code exception}).
 */
@Component
class InboxMetrics {

    private final MeterRegistry meters;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    InboxMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** An event was handled: a notification created, or a duplicate ignored. */
    void handled(String eventType, boolean notified) {
        counter(
                        "notifications.events",
                        "Order events handled, by outcome",
                        "eventType",
                        eventType,
                        "outcome",
                        notified ? "notified" : "duplicate")
                .increment();
    }

    void skipped(String reason, String eventType) {
        counter(
                        "notifications.events.skipped",
                        "Records skipped without a notification, by reason",
                        "reason",
                        reason,
                        "eventType",
                        eventType)
                .increment();
    }

    void headerMismatch(String field) {
        counter(
                        "notifications.events.header.mismatch",
                        "Records whose key or header disagrees with the value (the value wins)",
                        "field",
                        field)
                .increment();
    }

    /** A failed attempt that is retried, or dead-lettered after the retries: {@code failure} transient or error. */
    void retried(String failure) {
        counter(
                        "notifications.events.retries",
                        "Failed attempts of records, by kind of failure (transient: a dependency is down)",
                        "failure",
                        failure)
                .increment();
    }

    /** A record that arrived while its order is blocked by a dead letter waits behind it. */
    void parked() {
        counter("notifications.events.parked", "Records parked behind a dead letter of their order")
                .increment();
    }

    void deadLettered(Throwable cause) {
        counter(
                        "notifications.events.dead.lettered",
                        "Records published to the dead-letter topic, by exception",
                        "exception",
                        cause.getClass().getSimpleName())
                .increment();
    }

    private Counter counter(String name, String description, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        return counters.computeIfAbsent(
                key,
                k -> Counter.builder(name).description(description).tags(tags).register(meters));
    }
}
