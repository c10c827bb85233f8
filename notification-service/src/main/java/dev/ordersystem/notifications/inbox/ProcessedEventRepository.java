package dev.ordersystem.notifications.inbox;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code processed_events} table: one row per event id ever handled. */
@Repository
class ProcessedEventRepository {

    /** What was done with a processed event. */
    enum Outcome {
        /** Its notification was created. */
        NOTIFIED,
        /** Its type is unknown to this version: no notification. */
        SKIPPED_UNKNOWN_TYPE
    }

    private final JdbcClient jdbc;

    ProcessedEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isProcessed(UUID eventId) {
        return jdbc.sql("select exists (select 1 from processed_events where event_id = :eventId)")
                .param("eventId", eventId)
                .query(Boolean.class)
                .single();
    }

    /** Records the event as processed, where it was read; false if it already was (the insert then does nothing). */
    boolean markProcessed(UUID eventId, String eventType, ConsumerRecord<?, ?> record, Outcome outcome) {
        return jdbc.sql("insert into processed_events (event_id, event_type, topic, kafka_partition, kafka_offset,"
                                + " outcome, order_id, record_timestamp) values (:eventId, :eventType, :topic,"
                                + " :partition, :offset, :outcome, :orderId, :recordTimestamp)"
                                + " on conflict (event_id) do nothing")
                        .param("eventId", eventId)
                        .param("eventType", eventType)
                        .param("topic", record.topic())
                        .param("partition", record.partition())
                        .param("offset", record.offset())
                        .param("outcome", outcome.name())
                        .param("orderId", record.key() instanceof String orderId ? orderId : null, Types.VARCHAR)
                        .param("recordTimestamp", recordTimestamp(record), Types.TIMESTAMP_WITH_TIMEZONE)
                        .update()
                == 1;
    }

    /**
     * The events of the order this service processed, in processing order, and those parked behind a dead letter
     * (blocked, not processed yet), in arrival order.
     */
    List<InboxEvent> ofOrder(String orderId) {
        return jdbc.sql("""
                        select event_id, event_type, topic, kafka_partition, kafka_offset, record_timestamp,
                            processed_at, false as blocked
                        from processed_events where order_id = :orderId
                        union all
                        select event_id, convert_from(value, 'UTF8')::jsonb ->> 'eventType', topic, kafka_partition,
                            kafka_offset, record_timestamp, null, true
                        from parked_events where order_id = :orderId and value is not null
                        order by blocked, processed_at, kafka_offset
                        """)
                .param("orderId", orderId)
                .query((rs, row) -> new InboxEvent(
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getString("topic"),
                        rs.getInt("kafka_partition"),
                        rs.getLong("kafka_offset"),
                        instant(rs.getTimestamp("record_timestamp")),
                        instant(rs.getTimestamp("processed_at")),
                        rs.getBoolean("blocked")))
                .list();
    }

    /** The record's timestamp, if it has one, for a {@code timestamptz} column. */
    static @Nullable OffsetDateTime recordTimestamp(ConsumerRecord<?, ?> record) {
        return record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
                ? null
                : Instant.ofEpochMilli(record.timestamp()).atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
