package dev.ordersystem.notifications.deadletter;

/** The dead-letter topic has no record at this partition and offset. */
public class DeadLetterNotFoundException extends RuntimeException {

    public DeadLetterNotFoundException(String topic, int partition, long offset) {
        super("No dead letter at " + topic + " partition " + partition + " offset " + offset);
    }
}
