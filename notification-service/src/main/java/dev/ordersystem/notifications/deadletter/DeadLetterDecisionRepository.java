package dev.ordersystem.notifications.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What operators decided about dead letters: each is re-driven (by whom, where to) or discarded, at most once. */
@Repository
class DeadLetterDecisionRepository {

    enum Decision {
        REDRIVEN,
        DISCARDED
    }

    /** The decision about one dead letter: exactly one of the two is set. */
    record Decided(DeadLetter.@Nullable Redrive redriven, DeadLetter.@Nullable Discard discarded) {}

    private final JdbcClient jdbc;

    DeadLetterDecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the decision about the dead letter, unless there was one before: then returns that one. The row stays
     * locked until the calling transaction ends, so a concurrent decision about the same dead letter waits and then
     * finds it taken.
     *
     * @param targetTopic where a re-driven dead letter is sent; {@code null} for a discarded one
     */
    Optional<Decision> decide(
            String dltTopic,
            int partition,
            long offset,
            Decision decision,
            @Nullable String targetTopic,
            @Nullable String eventId,
            String decidedBy) {
        boolean decided = jdbc.sql("insert into dead_letter_decisions (dlt_topic, dlt_partition, dlt_offset,"
                                + " decision, target_topic, event_id, decided_by) values (:topic, :partition,"
                                + " :offset, :decision, :target, :eventId, :by) on conflict do nothing")
                        .param("topic", dltTopic)
                        .param("partition", partition)
                        .param("offset", offset)
                        .param("decision", decision.name())
                        .param("target", targetTopic)
                        .param("eventId", eventId)
                        .param("by", decidedBy)
                        .update()
                == 1;
        if (decided) {
            return Optional.empty();
        }
        return Optional.of(Decision.valueOf(jdbc.sql("select decision from dead_letter_decisions where dlt_topic ="
                        + " :topic and dlt_partition = :partition and dlt_offset = :offset")
                .param("topic", dltTopic)
                .param("partition", partition)
                .param("offset", offset)
                .query(String.class)
                .single()));
    }

    void recordTarget(String dltTopic, int partition, long offset, int targetPartition, long targetOffset) {
        jdbc.sql("update dead_letter_decisions set target_partition = :targetPartition, target_offset = :targetOffset"
                        + " where dlt_topic = :topic and dlt_partition = :partition and dlt_offset = :offset")
                .param("targetPartition", targetPartition)
                .param("targetOffset", targetOffset)
                .param("topic", dltTopic)
                .param("partition", partition)
                .param("offset", offset)
                .update();
    }

    /** Decisions about the topic's dead letters, by "partition:offset". */
    Map<String, Decided> findAll(String dltTopic) {
        Map<String, Decided> decisions = new HashMap<>();
        jdbc.sql("select dlt_partition, dlt_offset, decision, target_topic, target_partition, target_offset,"
                        + " decided_by, decided_at from dead_letter_decisions where dlt_topic = :topic")
                .param("topic", dltTopic)
                .query(rs -> {
                    decisions.put(key(rs.getInt("dlt_partition"), rs.getLong("dlt_offset")), decided(rs));
                });
        return decisions;
    }

    static String key(int partition, long offset) {
        return partition + ":" + offset;
    }

    private static Decided decided(ResultSet rs) throws SQLException {
        var at = rs.getTimestamp("decided_at").toInstant();
        String by = rs.getString("decided_by");
        if (Decision.valueOf(rs.getString("decision")) == Decision.DISCARDED) {
            return new Decided(null, new DeadLetter.Discard(at, by));
        }
        return new Decided(
                new DeadLetter.Redrive(
                        at,
                        by,
                        rs.getString("target_topic"),
                        rs.getObject("target_partition", Integer.class),
                        rs.getObject("target_offset", Long.class)),
                null);
    }
}
