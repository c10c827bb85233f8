package dev.ordersystem.notifications.feed.stream;

/** The customer has as many streams open on this instance as allowed. */
public class TooManyStreamsException extends RuntimeException {

    public TooManyStreamsException(int limit) {
        super("At most " + limit + " streams of one customer may be open at a time; close one first");
    }
}
