package dev.ordersystem.notifications.deadletter;

/** The dead letter was re-driven before; it is neither sent twice nor discarded. */
public class DeadLetterAlreadyRedrivenException extends RuntimeException {

    public DeadLetterAlreadyRedrivenException(String topic, int partition, long offset) {
        super("The dead letter at " + topic + " partition " + partition + " offset " + offset
                + " was already re-driven");
    }
}
