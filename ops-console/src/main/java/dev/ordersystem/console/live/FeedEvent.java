package dev.ordersystem.console.live;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One record of the topic as the console's own group read it.
 *
 * @param key the record's key: the order id
 * @param traceId the trace id of its {@code traceparent} header, or {@code null}
 */
public record FeedEvent(
        int partition,
        long offset,
        Instant timestamp,
        @Nullable String key,
        @Nullable String eventId,
        @Nullable String eventType,
        @Nullable String traceId) {}
