package dev.ordersystem.notifications.inbox;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event of an order as the inbox saw it: processed, or parked behind a dead letter (blocked).
 *
 * @param recordTimestamp the Kafka record's timestamp; null for events processed before it was stored
 * @param processedAt when its transaction processed it; null while it is blocked
 * @param blocked parked behind a dead letter of its order, not processed yet
 */
public record InboxEvent(
        UUID eventId,
        String eventType,
        String topic,
        int partition,
        long offset,
        @Nullable Instant recordTimestamp,
        @Nullable Instant processedAt,
        boolean blocked) {}
