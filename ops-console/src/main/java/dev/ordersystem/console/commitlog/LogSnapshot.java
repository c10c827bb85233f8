package dev.ordersystem.console.commitlog;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The topic as a commit log at one moment: its partitions (each an append-only log of segments) and every consumer
 * group with committed offsets on it or members assigned to it.
 *
 * @param segmentBytes the topic's {@code segment.bytes}: a segment rolls when it would grow beyond this
 * @param segmentMs the topic's {@code segment.ms}: or when its first record is older than this
 */
public record LogSnapshot(
        Instant at,
        String topic,
        @Nullable Long segmentBytes,
        @Nullable Long segmentMs,
        List<PartitionLog> partitions,
        List<GroupPosition> groups) {

    /** The log-end offsets summed: how many records were ever appended (a sum that only grows). */
    public long logEndTotal() {
        return partitions.stream().mapToLong(PartitionLog::logEnd).sum();
    }

    /** The lag of every group summed. */
    public long totalLag() {
        return groups.stream().mapToLong(GroupPosition::totalLag).sum();
    }

    /**
     * One partition: a log from {@code logStart} (older records were deleted by retention) to {@code logEnd} (the
     * offset the next record gets).
     *
     * @param sizeBytes the leader replica's size on disk, or {@code null} when the broker did not say
     * @param segments the number of segment files, or {@code null} when unknown
     * @param activeSegment the base offset of the active (newest) segment, or {@code null} when unknown
     * @param segmentsSource where the segments come from: {@code log-dir} (the broker's log directory, read because it
     *     is on this machine) or {@code estimate} (size / segment.bytes, rounded up)
     */
    public record PartitionLog(
            int partition,
            int leader,
            List<Integer> replicas,
            List<Integer> isr,
            long logStart,
            long logEnd,
            @Nullable Long sizeBytes,
            @Nullable Integer segments,
            @Nullable Long activeSegment,
            String segmentsSource) {}

    /**
     * A consumer group's position on the log.
     *
     * @param state the group's state ({@code Stable}, {@code Empty}, ...)
     */
    public record GroupPosition(
            String groupId, String state, List<Member> members, List<PartitionPosition> partitions) {

        public long totalLag() {
            return partitions.stream().mapToLong(PartitionPosition::lag).sum();
        }
    }

    /** A member of a group and the partitions of the topic it owns. */
    public record Member(String memberId, String clientId, String host, List<Integer> partitions) {}

    /**
     * @param committed the group's committed offset (the next record it will read), or {@code null} if none
     * @param lag log-end offset minus committed offset (the whole log when nothing was committed)
     * @param owner the client id of the member that owns the partition, or {@code null}
     */
    public record PartitionPosition(
            int partition,
            @Nullable Long committed,
            long lag,
            @Nullable String owner) {}
}
