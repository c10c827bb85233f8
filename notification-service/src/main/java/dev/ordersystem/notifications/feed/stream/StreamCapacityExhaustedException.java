package dev.ordersystem.notifications.feed.stream;

/** This instance has as many streams open as it serves; another instance, or this one later, may take the stream. */
public class StreamCapacityExhaustedException extends RuntimeException {

    public StreamCapacityExhaustedException(int limit) {
        super("This instance serves at most " + limit + " streams at a time; try again later");
    }
}
