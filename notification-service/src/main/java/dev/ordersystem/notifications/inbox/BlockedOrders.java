package dev.ordersystem.notifications.inbox;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders blocked by a dead letter: once a record of an order is dead-lettered, the later records of that order are
 * parked behind it instead of being notified, so that the customer never hears of an order's events out of order.
 * They are released, in order, when the dead letter comes back re-driven and succeeds (see
 * {@link OrderEventProcessor}) or when an operator discards it ({@link #discard}).
 */
@Service
public class BlockedOrders {

    private static final Logger log = LoggerFactory.getLogger(BlockedOrders.class);

    /**
     * An order that waits for a dead letter.
     *
     * @param parked records of the order parked behind the dead letter
     */
    public record Blocked(String orderId, int parked) {}

    private final BlockedOrderRepository repository;
    private final OrderEventProcessor processor;

    BlockedOrders(BlockedOrderRepository repository, OrderEventProcessor processor) {
        this.repository = repository;
        this.processor = processor;
    }

    /** The dead letters of the topic that an order waits for, with the order and what is parked behind them. */
    public Map<DeadLetterPosition, Blocked> blocking(String deadLetterTopic) {
        return repository.blocking(deadLetterTopic);
    }

    /**
     * The dead letter will never be processed: if its order waits for it, the records parked behind it are processed
     * now, in order, up to the next dead letter of the order; if it waits in an order's queue behind another dead
     * letter, it leaves the queue. Runs in the caller's transaction, which records the decision, with the order's row
     * locked, so that a listener thread handling a record of the same order waits for it.
     *
     * @return how many parked records were released
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int discard(DeadLetterPosition deadLetter) {
        Optional<String> waiting = repository.lockOrderBlockedBy(deadLetter);
        if (waiting.isPresent()) {
            return processor.release(waiting.get());
        }
        repository.orderQueuing(deadLetter).ifPresent(orderId -> {
            repository.lockBlocker(orderId);
            repository.removeQueuedDeadLetter(orderId, deadLetter);
        });
        return 0;
    }

    /**
     * The record was published to the dead-letter topic at {@code deadLetter}: its order (the record's key) waits for
     * it, unless the order waits for an earlier dead letter already; then it takes its place in the order's queue.
     * Called by the dead-letter recoverer, in a transaction.
     */
    void deadLettered(ConsumerRecord<?, ?> record, DeadLetterPosition deadLetter) {
        if (!(record.key() instanceof String orderId)) {
            return;
        }
        UUID eventId = eventId(record);
        Optional<DeadLetterPosition> redrivenFrom = DeadLetterPosition.redrivenFrom(record);
        Optional<DeadLetterPosition> blocker = repository.lockBlocker(orderId);
        if (blocker.isEmpty() || blocker.equals(redrivenFrom)) {
            repository.blockBy(orderId, deadLetter, eventId);
            log.warn("Order {} is blocked: its later records wait for dead letter {}", orderId, deadLetter);
        } else if (redrivenFrom.isEmpty()
                || !repository.moveQueuedDeadLetter(orderId, redrivenFrom.get(), deadLetter)) {
            repository.queueDeadLetter(orderId, record, eventId, deadLetter);
            log.warn(
                    "Dead letter {} of order {} waits in line behind dead letter {}",
                    deadLetter,
                    orderId,
                    blocker.get());
        }
    }

    private static @Nullable UUID eventId(ConsumerRecord<?, ?> record) {
        Optional<UUID> fromValue =
                record.value() instanceof byte[] value ? OrderEventReader.peekEventId(value) : Optional.empty();
        return fromValue.or(() -> EventRecordHeaders.eventId(record)).orElse(null);
    }
}
