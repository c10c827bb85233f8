package dev.ordersystem.notifications.inbox;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.UnknownEventTypeException;
import dev.ordersystem.notifications.inbox.ProcessedEventRepository.Outcome;
import dev.ordersystem.notifications.notification.NotificationService;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles one record: validates it, and in one database transaction records its event as processed and creates the
 * notification, unless the event was processed before. Throws when the record cannot be handled; the listener's error
 * handler then retries or dead-letters it. See the package documentation for what happens to which record.
 */
@Component
class OrderEventProcessor {

    private static final Logger log = LoggerFactory.getLogger(OrderEventProcessor.class);

    private final OrderEventReader reader;
    private final ProcessedEventRepository processedEvents;
    private final NotificationService notifications;
    private final TransactionTemplate transaction;
    private final InboxMetrics metrics;

    OrderEventProcessor(
            OrderEventReader reader,
            ProcessedEventRepository processedEvents,
            NotificationService notifications,
            TransactionTemplate transaction,
            InboxMetrics metrics) {
        this.reader = reader;
        this.processedEvents = processedEvents;
        this.notifications = notifications;
        this.transaction = transaction;
        this.metrics = metrics;
    }

    void process(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            metrics.skipped("tombstone", "none");
            log.debug("Skipping tombstone at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        EventEnvelope envelope;
        try {
            envelope = reader.read(value);
        } catch (UnknownEventTypeException e) {
            skipUnknownType(record, e.eventType());
            return;
        }
        checkHeaders(record, envelope);
        boolean notified = inTransaction(() -> {
            if (!processedEvents.markProcessed(envelope.eventId(), envelope.eventType(), record, Outcome.NOTIFIED)) {
                return false;
            }
            notifications.create(envelope);
            return true;
        });
        metrics.handled(envelope.eventType(), notified);
        log.debug(
                "{} {} {} from {}-{}@{}",
                notified ? "Notified" : "Ignored duplicate",
                envelope.eventType(),
                envelope.eventId(),
                record.topic(),
                record.partition(),
                record.offset());
    }

    /**
     * An event type this version does not know is skipped, and remembered as skipped so that a replay does not log it
     * again. Without a usable event id it cannot be remembered; it is then logged every time it is seen.
     */
    private void skipUnknownType(ConsumerRecord<String, byte[]> record, String eventType) {
        Optional<UUID> eventId =
                OrderEventReader.peekEventId(record.value()).or(() -> EventRecordHeaders.eventId(record));
        boolean firstTime = eventId.map(id -> inTransaction(
                        () -> processedEvents.markProcessed(id, eventType, record, Outcome.SKIPPED_UNKNOWN_TYPE)))
                .orElse(true);
        if (firstTime) {
            metrics.skipped("unknown-event-type", eventType);
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
    }

    /** The value is authoritative; a header or key that disagrees with it is logged and counted, then ignored. */
    private void checkHeaders(ConsumerRecord<String, byte[]> record, EventEnvelope envelope) {
        for (var disagreement : EventRecordHeaders.disagreements(record, envelope)) {
            metrics.headerMismatch(disagreement.field());
            log.warn(
                    "Record {}-{}@{}: {} '{}' disagrees with the value's '{}'; using the value",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    disagreement.field(),
                    disagreement.inRecord(),
                    disagreement.inValue());
        }
    }

    private boolean inTransaction(Supplier<Boolean> work) {
        return Boolean.TRUE.equals(transaction.execute(status -> work.get()));
    }
}
