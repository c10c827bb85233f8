package dev.ordersystem.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What goes on the wire: an {@link OrderEvent} with the metadata a consumer needs before it looks at the
 * payload.
 *
 * @param eventId unique per event; consumers deduplicate on it
 * @param eventType the payload's {@link EventType#wireName()}
 * @param schemaVersion version of the payload schema, between 1 and the type's
 *     {@link EventType#currentSchemaVersion()}
 * @param occurredAt when the state change happened
 * @param aggregateId the order id; also the Kafka record key
 * @param traceParent W3C {@code traceparent} of the request that caused the event, if any
 */
public record EventEnvelope(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String aggregateId,
        @Nullable String traceParent,
        OrderEvent payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId must not be null");
        Objects.requireNonNull(eventType, "eventType must not be null");
        Objects.requireNonNull(occurredAt, "occurredAt must not be null");
        Objects.requireNonNull(aggregateId, "aggregateId must not be null");
        Objects.requireNonNull(payload, "payload must not be null");
        EventType type = EventType.of(payload);
        if (!type.wireName().equals(eventType)) {
            throw new IllegalArgumentException(
                    "eventType " + eventType + " does not match payload type " + type.wireName());
        }
        if (schemaVersion < 1 || schemaVersion > type.currentSchemaVersion()) {
            throw new IllegalArgumentException("schemaVersion of " + eventType + " must be between 1 and "
                    + type.currentSchemaVersion() + " but was " + schemaVersion);
        }
        if (!aggregateId.equals(payload.orderId())) {
            throw new IllegalArgumentException(
                    "aggregateId " + aggregateId + " does not match payload orderId " + payload.orderId());
        }
        if (traceParent != null
                && !EventHeaders.TRACE_PARENT_FORMAT.matcher(traceParent).matches()) {
            throw new IllegalArgumentException("traceParent is not a W3C traceparent: " + traceParent);
        }
    }

    /** Wraps an event with a random id, its type's wire name and current schema version. */
    public static EventEnvelope of(OrderEvent event, Instant occurredAt, @Nullable String traceParent) {
        EventType type = EventType.of(event);
        return new EventEnvelope(
                UUID.randomUUID(),
                type.wireName(),
                type.currentSchemaVersion(),
                occurredAt,
                event.orderId(),
                traceParent,
                event);
    }
}
