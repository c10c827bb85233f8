package dev.ordersystem.notifications.lag;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The lag of one partition.
 *
 * @param logEndOffset offset the next record will get (the last stable offset under {@code read_committed})
 * @param committedOffset the group's committed offset: the next record it will read; {@code null} if it has not
 *     committed one for this partition yet
 * @param lag {@code logEndOffset - committedOffset}, or {@code logEndOffset - earliestOffset} without a commit
 * @param note why the lag is counted the way it is, when it is not the plain difference
 * @param owner the group member the partition is assigned to; {@code null} when no member has it (e.g. stopped)
 */
public record PartitionLag(
        String topic,
        int partition,
        long logEndOffset,
        @Schema(nullable = true) @Nullable Long committedOffset,
        long lag,
        @Schema(nullable = true) @Nullable String note,
        @Schema(nullable = true) @Nullable Owner owner) {

    /** A member of the consumer group. */
    public record Owner(String memberId, String clientId, String host) {}
}
