package dev.ordersystem.events;

import org.jspecify.annotations.Nullable;

/** A message could not be read as an {@link EventEnvelope}. Retrying will not help: dead-letter it. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
