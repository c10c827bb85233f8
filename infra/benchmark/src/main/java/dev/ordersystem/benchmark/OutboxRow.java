package dev.ordersystem.benchmark;

import dev.ordersystem.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * An outbox row as a relay reads it, and the record the CDC relay makes of it: the aggregate id as key, the payload as
 * value, the event id, type and trace parent as headers.
 */
record OutboxRow(
        UUID id,
        String key,
        String type,
        String payload,
        @Nullable String traceParent) {

    /** The columns {@link #read(ResultSet)} expects first, in this order. */
    static final String COLUMNS = "id, aggregate_id, type, payload::text, trace_parent";

    static OutboxRow read(ResultSet row) throws SQLException {
        return new OutboxRow(
                row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4), row.getString(5));
    }

    ProducerRecord<byte[], byte[]> toRecord(String topic) {
        return new ProducerRecord<>(
                topic,
                null,
                utf8(key),
                utf8(payload),
                headers(utf8(id.toString()), utf8(type), traceParent == null ? null : utf8(traceParent)));
    }

    /** The relay's headers: event id, event type and, if there is one, the trace parent. */
    static RecordHeaders headers(byte[] eventId, byte[] eventType, byte @Nullable [] traceParent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_ID, eventId);
        headers.add(EventHeaders.EVENT_TYPE, eventType);
        if (traceParent != null) {
            headers.add(EventHeaders.TRACE_PARENT, traceParent);
        }
        return headers;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
