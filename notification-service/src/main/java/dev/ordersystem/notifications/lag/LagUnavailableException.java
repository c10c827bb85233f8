package dev.ordersystem.notifications.lag;

/** Kafka did not answer the lag queries in time. */
public class LagUnavailableException extends RuntimeException {

    public LagUnavailableException(Throwable cause) {
        super("Consumer lag is unavailable: " + cause, cause);
    }
}
