package dev.ordersystem.notifications.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
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
        @Schema(nullable = true) @Nullable String key,
        @Schema(nullable = true) @Nullable String originalTopic,
        @Schema(nullable = true) @Nullable Integer originalPartition,
        @Schema(nullable = true) @Nullable Long originalOffset,
        @Schema(nullable = true) @Nullable Instant originalTimestamp,
        @Schema(nullable = true) @Nullable String consumerGroup,
        @Schema(nullable = true) @Nullable String exceptionClass,
        @Schema(nullable = true) @Nullable String exceptionCauseClass,
        @Schema(nullable = true) @Nullable String exceptionMessage,
        @Schema(nullable = true) @Nullable String eventId,
        @Schema(nullable = true) @Nullable String eventType,
        int valueBytes,
        String valuePreview,
        @Schema(nullable = true) @Nullable Redrive redriven,
        @Schema(nullable = true) @Nullable Discard discarded,
        @Schema(nullable = true) @Nullable String blockedOrder,
        int parked) {

    /**
     * @param topic where it was sent
     * @param partition and offset: where it landed
     */
    public record Redrive(
            Instant at,
            String by,
            String topic,
            @Schema(nullable = true) @Nullable Integer partition,
            @Schema(nullable = true) @Nullable Long offset) {}

    public record Discard(Instant at, String by) {}
}
