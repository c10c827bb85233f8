package dev.ordersystem.events;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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

    /** The W3C {@code traceparent} format: version, 32 hex digits of trace id, 16 of parent span id, flags. */
    static final Pattern TRACE_PARENT_FORMAT =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private static final String INVALID_TRACE_ID = "0".repeat(32);

    private EventHeaders() {}

    /**
     * The trace id of a {@link #TRACE_PARENT traceparent} (what a trace UI looks a trace up by); null without one, for
     * anything that is not one, and for the all-zero (invalid) trace id.
     */
    public static @Nullable String traceIdOf(@Nullable String traceParent) {
        if (traceParent == null) {
            return null;
        }
        Matcher matcher = TRACE_PARENT_FORMAT.matcher(traceParent.trim());
        return matcher.matches() && !matcher.group(2).equals(INVALID_TRACE_ID) ? matcher.group(2) : null;
    }
}
