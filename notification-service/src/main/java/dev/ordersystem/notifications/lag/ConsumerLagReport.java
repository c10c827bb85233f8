package dev.ordersystem.notifications.lag;

import java.time.Instant;
import java.util.List;

/**
 * The lag of a consumer group over the partitions of its topics.
 *
 * @param groupState e.g. {@code Stable}, {@code Empty} (no member), {@code PreparingRebalance}
 * @param members members currently in the group
 * @param totalLag sum of the partitions' lag
 */
public record ConsumerLagReport(
        String groupId,
        String groupState,
        int members,
        Instant measuredAt,
        long totalLag,
        List<PartitionLag> partitions) {

    public ConsumerLagReport {
        partitions = List.copyOf(partitions);
    }
}
