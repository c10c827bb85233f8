package dev.ordersystem.notifications.inbox;

import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
                                + " outcome) values (:eventId, :eventType, :topic, :partition, :offset, :outcome)"
                                + " on conflict (event_id) do nothing")
                        .param("eventId", eventId)
                        .param("eventType", eventType)
                        .param("topic", record.topic())
                        .param("partition", record.partition())
                        .param("offset", record.offset())
                        .param("outcome", outcome.name())
                        .update()
                == 1;
    }
}
