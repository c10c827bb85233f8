package dev.ordersystem.notifications.inbox;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * Reads the headers the relay puts on an order event ({@link EventHeaders}) as text, and compares them and the key with
 * the value. The value is authoritative: the headers only say what a record is without parsing it.
 */
final class EventRecordHeaders {

    private EventRecordHeaders() {}

    /** A key or header that disagrees with the value. */
    record Disagreement(String field, String inRecord, String inValue) {}

    /** The header as trimmed UTF-8 text, without the quotes a JSON header converter writes around strings. */
    static @Nullable String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8).trim();
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1)
                : text;
    }

    /** The event id header, if it is a valid UUID. */
    static Optional<UUID> eventId(ConsumerRecord<?, ?> record) {
        String text = text(record, EventHeaders.EVENT_ID);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The event id and type headers and the key, where present and different from the value's. */
    static List<Disagreement> disagreements(ConsumerRecord<String, ?> record, EventEnvelope envelope) {
        List<Disagreement> found = new ArrayList<>();
        String id = text(record, EventHeaders.EVENT_ID);
        if (id != null && !id.equalsIgnoreCase(envelope.eventId().toString())) {
            found.add(new Disagreement(
                    EventHeaders.EVENT_ID, id, envelope.eventId().toString()));
        }
        String type = text(record, EventHeaders.EVENT_TYPE);
        if (type != null && !type.equals(envelope.eventType())) {
            found.add(new Disagreement(EventHeaders.EVENT_TYPE, type, envelope.eventType()));
        }
        if (record.key() != null && !Objects.equals(record.key(), envelope.aggregateId())) {
            found.add(new Disagreement("key", record.key(), envelope.aggregateId()));
        }
        return found;
    }
}
