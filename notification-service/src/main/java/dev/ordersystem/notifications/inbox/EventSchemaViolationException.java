package dev.ordersystem.notifications.inbox;

import dev.ordersystem.events.EventFormatException;
import java.util.List;

/** The record is a readable envelope but breaks its type's JSON Schema. Never retried: dead-lettered at once. */
public class EventSchemaViolationException extends EventFormatException {

    public EventSchemaViolationException(String eventType, List<String> violations) {
        super(eventType + " violates its JSON Schema: " + String.join("; ", violations));
    }
}
