package dev.ordersystem.notifications.deadletter;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A record of the dead-letter topic, with what the dead-letter publisher recorded about where it came from and why it
 * failed, what an operator decided about it, and the order that waits for it.
 *
 * @param valuePreview the first characters of the value as UTF-8 text
 * @param redriven when and by whom it was sent back, or {@code null}
 * @param discarded when and by whom it was discarded (it is never processed), or {@code null}
 * @param blockedOrder the order whose later records wait for this dead letter (parked, not notified), or {@code null}
 * @param parked how many records of that order are parked behind it
 */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        Instant timestamp,
        @Nullable String key,
        @Nullable String originalTopic,
        @Nullable Integer originalPartition,
        @Nullable Long originalOffset,
        @Nullable Instant originalTimestamp,
        @Nullable String consumerGroup,
        @Nullable String exceptionClass,
        @Nullable String exceptionCauseClass,
        @Nullable String exceptionMessage,
        @Nullable String eventId,
        @Nullable String eventType,
        int valueBytes,
        String valuePreview,
        @Nullable Redrive redriven,
        @Nullable Discard discarded,
        @Nullable String blockedOrder,
        int parked) {

    /**
     * @param topic where it was sent
     * @param partition and offset: where it landed
     */
    public record Redrive(
            Instant at,
            String by,
            String topic,
            @Nullable Integer partition,
            @Nullable Long offset) {}

    public record Discard(Instant at, String by) {}
}
