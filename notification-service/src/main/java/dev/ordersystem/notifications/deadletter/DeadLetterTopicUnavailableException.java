package dev.ordersystem.notifications.deadletter;

/** Kafka did not answer in time while reading the dead-letter topic or re-driving. */
public class DeadLetterTopicUnavailableException extends RuntimeException {

    public DeadLetterTopicUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
