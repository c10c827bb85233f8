package dev.ordersystem.notifications.inbox;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.UnknownEventTypeException;
import dev.ordersystem.notifications.inbox.ProcessedEventRepository.Outcome;
import dev.ordersystem.notifications.notification.NotificationService;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles one record: validates it, and in one database transaction records its event as processed and creates the
 * notification, unless the event was processed before, or its order is blocked by a dead letter: then the record is
 * parked behind it. When the dead letter the order waits for comes back re-driven and succeeds, the parked records are
 * released in the same transaction. Throws when the record cannot be handled; the listener's error handler then
 * retries or dead-letters it. See the package documentation for what happens to which record.
 *
 * <p>The transaction is observed ({@value #TRANSACTION_OBSERVATION}): a span of the record's trace, in which the
 * notification and its email delivery are created, and a timer.
 */
@Component
record OrderEventProcessor(
        OrderEventReader reader,
        ProcessedEventRepository processedEvents,
        BlockedOrderRepository blockedOrders,
        NotificationService notifications,
        TransactionTemplate transaction,
        InboxMetrics metrics,
        ObservationRegistry observations) {

    static final String TRANSACTION_OBSERVATION = "notifications.inbox.transaction";

    private static final Logger log = LoggerFactory.getLogger(OrderEventProcessor.class);

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
        Observation.createNotStarted(TRANSACTION_OBSERVATION, observations)
                .contextualName("inbox transaction")
                .lowCardinalityKeyValue("event.type", envelope.eventType())
                .observe(() -> transaction.executeWithoutResult(status -> handle(record, envelope)));
    }

    /**
     * Processes the parked records of a blocked order in the order they arrived, up to the next dead letter of the
     * order in its queue, which the order then waits for; unblocks the order when none is left. Runs in the caller's
     * transaction, with the order's row locked ({@link BlockedOrderRepository#lockBlocker}).
     *
     * @return how many records were released
     */
    int release(String orderId) {
        int released = 0;
        for (BlockedOrderRepository.Parked parked : blockedOrders.queue(orderId)) {
            blockedOrders.remove(orderId, parked.seq());
            DeadLetterPosition next = parked.deadLetter();
            if (next != null) {
                blockedOrders.blockBy(orderId, next, parked.eventId());
                log.info(
                        "Released {} parked records of order {}; it now waits for dead letter {}",
                        released,
                        orderId,
                        next);
                return released;
            }
            ConsumerRecord<String, byte[]> record = Objects.requireNonNull(parked.record());
            notify(record, reader.read(record.value()));
            released++;
        }
        blockedOrders.unblock(orderId);
        log.info("Released {} parked records of order {}; it is no longer blocked", released, orderId);
        return released;
    }

    /** In the record's transaction: notifies, or parks the record behind the dead letter its order waits for. */
    private void handle(ConsumerRecord<String, byte[]> record, EventEnvelope envelope) {
        String orderId = record.key();
        Optional<DeadLetterPosition> blocker = orderId == null ? Optional.empty() : blockedOrders.lockBlocker(orderId);
        Optional<DeadLetterPosition> redrivenFrom = DeadLetterPosition.redrivenFrom(record);
        if (orderId == null || blocker.isEmpty()) {
            notify(record, envelope);
        } else if (blocker.equals(redrivenFrom)) {
            notify(record, envelope);
            release(orderId);
        } else if (processedEvents.isProcessed(envelope.eventId())) {
            afterCommit(() -> metrics.handled(envelope.eventType(), false));
        } else {
            boolean inItsPlace = redrivenFrom
                    .map(from -> blockedOrders.parkInPlaceOf(from, orderId, record, envelope.eventId()))
                    .orElse(false);
            if (!inItsPlace) {
                blockedOrders.park(orderId, record, envelope.eventId());
            }
            afterCommit(() -> {
                metrics.parked();
                log.info(
                        "Parked {} {} from {}-{}@{}: order {} waits for dead letter {}",
                        envelope.eventType(),
                        envelope.eventId(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        orderId,
                        blocker.get());
            });
        }
    }

    /** Records the event as processed and creates its notification, unless it was processed before. */
    private void notify(ConsumerRecord<String, byte[]> record, EventEnvelope envelope) {
        boolean notified =
                processedEvents.markProcessed(envelope.eventId(), envelope.eventType(), record, Outcome.NOTIFIED);
        if (notified) {
            notifications.create(envelope);
        }
        afterCommit(() -> {
            metrics.handled(envelope.eventType(), notified);
            log.debug(
                    "{} {} {} from {}-{}@{}",
                    notified ? "Notified" : "Ignored duplicate",
                    envelope.eventType(),
                    envelope.eventId(),
                    record.topic(),
                    record.partition(),
                    record.offset());
        });
    }

    /** Counts and logs only what was committed. */
    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
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
