package dev.ordersystem.notifications.inbox;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a record lies in the dead-letter topic. As text, {@code <topic>/<partition>/<offset>}, it is the value of the
 * {@link #REDRIVEN_FROM_HEADER} header of a re-driven record.
 */
public record DeadLetterPosition(String topic, int partition, long offset) {

    /** Header added to a re-driven record: the position of the dead letter it was re-driven from. */
    public static final String REDRIVEN_FROM_HEADER = "redriven-from";

    /** The position a re-driven record came from, if it is one (and the header is well-formed). */
    static Optional<DeadLetterPosition> redrivenFrom(ConsumerRecord<?, ?> record) {
        String text = EventRecordHeaders.text(record, REDRIVEN_FROM_HEADER);
        String[] parts = text == null ? new String[0] : text.split("/");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeadLetterPosition(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
