package dev.ordersystem.notifications.inbox;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code processed_events} table: one row per event id ever handled. */
@Repository
class ProcessedEventRepository {

    static final String NOTIFIED = "NOTIFIED";
    static final String SKIPPED_UNKNOWN_TYPE = "SKIPPED_UNKNOWN_TYPE";

    private final JdbcClient jdbc;

    ProcessedEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event as processed; false if it already was (the insert then does nothing). */
    boolean markProcessed(UUID eventId, String eventType, String topic, int partition, long offset, String outcome) {
        return jdbc.sql("insert into processed_events (event_id, event_type, topic, kafka_partition, kafka_offset,"
                                + " outcome) values (:eventId, :eventType, :topic, :partition, :offset, :outcome)"
                                + " on conflict (event_id) do nothing")
                        .param("eventId", eventId)
                        .param("eventType", eventType)
                        .param("topic", topic)
                        .param("partition", partition)
                        .param("offset", offset)
                        .param("outcome", outcome)
                        .update()
                == 1;
    }
}
