package dev.ordersystem.console.commitlog;

/** Kafka did not answer the admin client's requests (in time). */
public class KafkaUnavailableException extends Exception {

    KafkaUnavailableException(Throwable cause) {
        super("Kafka cannot be read: " + cause.getMessage(), cause);
    }
}
