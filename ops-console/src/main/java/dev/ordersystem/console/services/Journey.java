package dev.ordersystem.console.services;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The journey of one order: order-service's outbox events joined by {@code eventId} with what notification-service
 * consumed of them. Events in commit order; then those only notification-service still knows (their outbox rows were
 * deleted by the relay's retention), in its order.
 *
 * @param status the order's status now
 * @param outboxRowsDeleted the relay's retention deleted the order's outbox rows (no commit times left)
 */
record Journey(UUID orderId, String status, boolean outboxRowsDeleted, List<Event> events) {

    /**
     * One event: where each service saw it, and the latencies between (milliseconds, {@code null} where one end is
     * unknown).
     *
     * @param recordTimestamp the Kafka record's timestamp: when the relay sent it
     * @param traceId the trace of the request that caused it (else the one of its email)
     * @param traceUrl the trace in the trace UI ({@code console.trace-ui})
     */
    record Event(
            UUID eventId,
            String eventType,
            @Nullable Instant committedAt,
            @Nullable Instant recordTimestamp,
            @Nullable Integer partition,
            @Nullable Long offset,
            @Nullable Instant processedAt,
            boolean blocked,
            @Nullable UUID notificationId,
            @Nullable String emailStatus,
            @Nullable Instant emailSentAt,
            @Nullable String traceId,
            @Nullable URI traceUrl,
            @Nullable Long commitToRecordMs,
            @Nullable Long recordToProcessedMs,
            @Nullable Long processedToEmailMs) {}

    /** What order-service's {@code GET /ops/orders/{id}/journey} answers (the fields used here). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Outbox(UUID orderId, String status, boolean outboxRowsDeleted, List<OutboxEvent> events) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OutboxEvent(
            UUID eventId,
            String eventType,
            Instant committedAt,
            @Nullable String traceId) {}

    /** What notification-service's {@code GET /ops/orders/{orderId}/journey} answers (the fields used here). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Consumed(List<ConsumedEvent> events) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConsumedEvent(
            UUID eventId,
            String eventType,
            int partition,
            long offset,
            @Nullable Instant recordTimestamp,
            @Nullable Instant processedAt,
            boolean blocked,
            @Nullable UUID notificationId,
            @Nullable String emailStatus,
            @Nullable Instant emailSentAt,
            @Nullable String traceId) {}

    static Journey join(Outbox outbox, Consumed consumed, URI traceUi) {
        Map<UUID, ConsumedEvent> byId = new LinkedHashMap<>();
        consumed.events().forEach(event -> byId.put(event.eventId(), event));
        List<Event> events = new ArrayList<>();
        for (OutboxEvent event : outbox.events()) {
            ConsumedEvent seen = byId.remove(event.eventId());
            events.add(event(event.eventId(), event.eventType(), event.committedAt(), event.traceId(), seen, traceUi));
        }
        byId.values().forEach(seen -> events.add(event(seen.eventId(), seen.eventType(), null, null, seen, traceUi)));
        return new Journey(outbox.orderId(), outbox.status(), outbox.outboxRowsDeleted(), List.copyOf(events));
    }

    private static Event event(
            UUID eventId,
            String eventType,
            @Nullable Instant committedAt,
            @Nullable String outboxTraceId,
            @Nullable ConsumedEvent seen,
            URI traceUi) {
        String traceId = outboxTraceId != null ? outboxTraceId : seen == null ? null : seen.traceId();
        if (seen == null) {
            return new Event(
                    eventId,
                    eventType,
                    committedAt,
                    null,
                    null,
                    null,
                    null,
                    false,
                    null,
                    null,
                    null,
                    traceId,
                    traceUrl(traceUi, traceId),
                    null,
                    null,
                    null);
        }
        return new Event(
                eventId,
                eventType,
                committedAt,
                seen.recordTimestamp(),
                seen.partition(),
                seen.offset(),
                seen.processedAt(),
                seen.blocked(),
                seen.notificationId(),
                seen.emailStatus(),
                seen.emailSentAt(),
                traceId,
                traceUrl(traceUi, traceId),
                millis(committedAt, seen.recordTimestamp()),
                millis(seen.recordTimestamp(), seen.processedAt()),
                millis(seen.processedAt(), seen.emailSentAt()));
    }

    private static @Nullable URI traceUrl(URI traceUi, @Nullable String traceId) {
        if (traceId == null || !traceId.matches("[0-9a-f]{32}")) {
            return null;
        }
        String base = traceUi.toString().replaceAll("/+$", "");
        return URI.create(base + "/zipkin/traces/" + traceId);
    }

    private static @Nullable Long millis(@Nullable Instant from, @Nullable Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }
}
