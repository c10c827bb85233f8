package dev.ordersystem.events;

/** The envelope names an {@code eventType} this code does not know. */
public class UnknownEventTypeException extends EventFormatException {

    private final String eventType;

    public UnknownEventTypeException(String eventType) {
        super("Unknown eventType: " + eventType);
        this.eventType = eventType;
    }

    public String eventType() {
        return eventType;
    }
}
