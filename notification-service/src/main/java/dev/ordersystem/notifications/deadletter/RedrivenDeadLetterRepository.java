package dev.ordersystem.notifications.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which dead letters were re-driven, by whom, and where they went. */
@Repository
class RedrivenDeadLetterRepository {

    private final JdbcClient jdbc;

    RedrivenDeadLetterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the dead letter for a re-drive; false if it was claimed before. The row stays locked until the calling
     * transaction ends, so a concurrent re-drive of the same record waits and then finds it taken.
     */
    boolean claim(
            String dltTopic,
            int partition,
            long offset,
            String targetTopic,
            @Nullable String eventId,
            String redrivenBy) {
        return jdbc.sql("insert into redriven_dead_letters (dlt_topic, dlt_partition, dlt_offset, target_topic,"
                                + " event_id, redriven_by) values (:topic, :partition, :offset, :target, :eventId,"
                                + " :by) on conflict do nothing")
                        .param("topic", dltTopic)
                        .param("partition", partition)
                        .param("offset", offset)
                        .param("target", targetTopic)
                        .param("eventId", eventId)
                        .param("by", redrivenBy)
                        .update()
                == 1;
    }

    void recordTarget(String dltTopic, int partition, long offset, int targetPartition, long targetOffset) {
        jdbc.sql("update redriven_dead_letters set target_partition = :targetPartition, target_offset = :targetOffset"
                        + " where dlt_topic = :topic and dlt_partition = :partition and dlt_offset = :offset")
                .param("targetPartition", targetPartition)
                .param("targetOffset", targetOffset)
                .param("topic", dltTopic)
                .param("partition", partition)
                .param("offset", offset)
                .update();
    }

    /** Re-drives of the topic's dead letters, by "partition:offset". */
    Map<String, DeadLetter.Redrive> findAll(String dltTopic) {
        Map<String, DeadLetter.Redrive> redrives = new HashMap<>();
        jdbc.sql("select dlt_partition, dlt_offset, target_topic, target_partition, target_offset, redriven_by,"
                        + " redriven_at from redriven_dead_letters where dlt_topic = :topic")
                .param("topic", dltTopic)
                .query(rs -> {
                    redrives.put(key(rs.getInt("dlt_partition"), rs.getLong("dlt_offset")), redrive(rs));
                });
        return redrives;
    }

    static String key(int partition, long offset) {
        return partition + ":" + offset;
    }

    private static DeadLetter.Redrive redrive(ResultSet rs) throws SQLException {
        Integer targetPartition = rs.getObject("target_partition", Integer.class);
        Long targetOffset = rs.getObject("target_offset", Long.class);
        return new DeadLetter.Redrive(
                rs.getTimestamp("redriven_at").toInstant(),
                rs.getString("redriven_by"),
                rs.getString("target_topic"),
                targetPartition,
                targetOffset);
    }
}
