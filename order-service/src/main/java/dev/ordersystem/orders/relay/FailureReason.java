package dev.ordersystem.orders.relay;

import java.sql.SQLException;

/** Turns a failure of the relay into the one-line reason that health, the status endpoint and the logs show. */
final class FailureReason {

    private static final int MAX_LENGTH = 500;

    private FailureReason() {}

    /**
     * The error's message, and the deepest cause that says something more (e.g. the PostgreSQL or Kafka error behind
     * a Debezium {@code ConnectException}), cut to 500 characters.
     */
    static String of(Throwable error) {
        String message = error instanceof SQLException
                ? "cannot use PostgreSQL: " + error.getMessage()
                : error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        Throwable detail = null;
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.contains(cause.getMessage())) {
                detail = cause;
            }
        }
        if (detail != null) {
            message = message + " (" + detail.getClass().getSimpleName() + ": " + detail.getMessage() + ")";
        }
        return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "..." : message;
    }
}
