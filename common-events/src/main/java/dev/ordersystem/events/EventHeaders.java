package dev.ordersystem.events;

/**
 * Names of the Kafka record headers that travel with every order event. The value (the {@link EventEnvelope}) is
 * authoritative; the headers let brokers' tools, the dead-letter view and consumers see what a record is without
 * parsing it.
 */
public final class EventHeaders {

    /** The event id (the outbox row id, {@link EventEnvelope#eventId()}), as a UUID string. */
    public static final String EVENT_ID = "id";

    /** The event type's wire name ({@link EventType#wireName()}), e.g. {@code OrderPlaced}. */
    public static final String EVENT_TYPE = "eventType";

    /** The W3C trace context of the request that caused the event; absent when there was none. */
    public static final String TRACE_PARENT = "traceparent";

    private EventHeaders() {}
}
