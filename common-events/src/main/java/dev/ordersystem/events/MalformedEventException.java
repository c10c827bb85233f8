package dev.ordersystem.events;

import org.jspecify.annotations.Nullable;

/** Not JSON, a required field missing or invalid, or a payload that does not match its event type. */
public class MalformedEventException extends EventFormatException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
