package dev.ordersystem.notifications.deadletter;

/** The dead letter was discarded: it is neither re-driven nor discarded again. */
public class DeadLetterAlreadyDiscardedException extends RuntimeException {

    public DeadLetterAlreadyDiscardedException(String topic, int partition, long offset) {
        super("The dead letter at " + topic + " partition " + partition + " offset " + offset + " was discarded");
    }
}
