package dev.ordersystem.notifications.inbox;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.events.UnknownEventTypeException;
import dev.ordersystem.notifications.notification.NotificationService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles one record in one database transaction. Throws when the record cannot be handled; the listener's error
 * handler then retries or dead-letters it. See the package documentation for what happens to which record.
 */
@Component
class OrderEventProcessor {

    enum Outcome {
        NOTIFIED,
        DUPLICATE,
        SKIPPED
    }

    private static final Logger log = LoggerFactory.getLogger(OrderEventProcessor.class);

    private final OrderEventReader reader;
    private final ProcessedEventRepository processedEvents;
    private final NotificationService notifications;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    OrderEventProcessor(
            OrderEventReader reader,
            ProcessedEventRepository processedEvents,
            NotificationService notifications,
            TransactionTemplate transaction,
            MeterRegistry meters) {
        this.reader = reader;
        this.processedEvents = processedEvents;
        this.notifications = notifications;
        this.transaction = transaction;
        this.meters = meters;
    }

    Outcome process(ConsumerRecord<String, byte[]> record) {
        String traceParent = header(record, EventHeaders.TRACE_PARENT);
        if (traceParent != null) {
            MDC.put(EventHeaders.TRACE_PARENT, traceParent);
        }
        try {
            return handle(record);
        } finally {
            MDC.remove(EventHeaders.TRACE_PARENT);
            MDC.remove("eventId");
        }
    }

    private Outcome handle(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            skipped("tombstone", "none").increment();
            log.debug("Skipping tombstone at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return Outcome.SKIPPED;
        }
        EventEnvelope envelope;
        try {
            envelope = reader.read(value);
        } catch (UnknownEventTypeException e) {
            return skipUnknownType(record, e.eventType());
        }
        MDC.put("eventId", envelope.eventId().toString());
        checkHeaders(record, envelope);
        boolean created = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!processedEvents.markProcessed(
                    envelope.eventId(),
                    envelope.eventType(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    ProcessedEventRepository.NOTIFIED)) {
                return false;
            }
            notifications.create(envelope);
            return true;
        }));
        String outcome = created ? "notified" : "duplicate";
        Counter.builder("notifications.events")
                .description("Order events handled, by outcome")
                .tag("eventType", envelope.eventType())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
        if (created) {
            log.debug(
                    "Notified {} {} from {}-{}@{}",
                    envelope.eventType(),
                    envelope.eventId(),
                    record.topic(),
                    record.partition(),
                    record.offset());
            return Outcome.NOTIFIED;
        }
        log.debug(
                "Ignoring duplicate {} {} at {}-{}@{}",
                envelope.eventType(),
                envelope.eventId(),
                record.topic(),
                record.partition(),
                record.offset());
        return Outcome.DUPLICATE;
    }

    /**
     * An event type this version does not know is skipped, and remembered as skipped so that a replay does not log it
     * again. Without a usable event id it cannot be remembered; it is then logged every time it is seen.
     */
    private Outcome skipUnknownType(ConsumerRecord<String, byte[]> record, String eventType) {
        Optional<UUID> eventId =
                OrderEventReader.peekEventId(record.value()).or(() -> uuid(header(record, EventHeaders.EVENT_ID)));
        boolean firstTime = eventId.map(
                        id -> Boolean.TRUE.equals(transaction.execute(status -> processedEvents.markProcessed(
                                id,
                                eventType,
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                ProcessedEventRepository.SKIPPED_UNKNOWN_TYPE))))
                .orElse(true);
        if (firstTime) {
            skipped("unknown-event-type", eventType).increment();
            log.warn(
                    "Skipping event {} of unknown type '{}' at {}-{}@{}: this version has no notification for it",
                    eventId.map(UUID::toString).orElse("without id"),
                    eventType,
                    record.topic(),
                    record.partition(),
                    record.offset());
        } else {
            log.debug("Skipping event {} of unknown type '{}' again", eventId.get(), eventType);
        }
        return Outcome.SKIPPED;
    }

    /** The value is authoritative; a header that disagrees with it is logged and counted, then ignored. */
    private void checkHeaders(ConsumerRecord<String, byte[]> record, EventEnvelope envelope) {
        String headerId = header(record, EventHeaders.EVENT_ID);
        if (headerId != null && !headerId.equalsIgnoreCase(envelope.eventId().toString())) {
            mismatch(record, EventHeaders.EVENT_ID, headerId, envelope.eventId().toString());
        }
        String headerType = header(record, EventHeaders.EVENT_TYPE);
        if (headerType != null && !headerType.equals(envelope.eventType())) {
            mismatch(record, EventHeaders.EVENT_TYPE, headerType, envelope.eventType());
        }
        if (record.key() != null && !Objects.equals(record.key(), envelope.aggregateId())) {
            mismatch(record, "key", record.key(), envelope.aggregateId());
        }
    }

    private void mismatch(ConsumerRecord<String, byte[]> record, String field, String header, String value) {
        Counter.builder("notifications.events.header.mismatch")
                .description("Records whose key or header disagrees with the value (the value wins)")
                .tag("field", field)
                .register(meters)
                .increment();
        log.warn(
                "Record {}-{}@{}: {} '{}' disagrees with the value's '{}'; using the value",
                record.topic(),
                record.partition(),
                record.offset(),
                field,
                header,
                value);
    }

    private Counter skipped(String reason, String eventType) {
        return Counter.builder("notifications.events.skipped")
                .description("Records skipped without a notification, by reason")
                .tag("reason", reason)
                .tag("eventType", eventType)
                .register(meters);
    }

    private static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8).trim();
        // a JSON header converter writes strings with their quotes
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1)
                : text;
    }

    private static Optional<UUID> uuid(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
