package dev.ordersystem.events;

import java.util.Objects;
import java.util.Optional;

/**
 * The wire name, current schema version and payload record of each {@link OrderEvent}.
 *
 * <p>{@link #currentSchemaVersion()} is the newest version this code can read and the one it writes. It only
 * changes for a breaking change to the payload, together with a new schema file
 * ({@link #schemaResource()}); additive, optional fields keep the version.
 */
public enum EventType {
    ORDER_PLACED("OrderPlaced", 1, OrderPlaced.class),
    ORDER_PAID("OrderPaid", 1, OrderPaid.class),
    ORDER_SHIPPED("OrderShipped", 1, OrderShipped.class),
    ORDER_CANCELLED("OrderCancelled", 1, OrderCancelled.class);

    private final String wireName;
    private final int currentSchemaVersion;
    private final Class<? extends OrderEvent> payloadClass;

    EventType(String wireName, int currentSchemaVersion, Class<? extends OrderEvent> payloadClass) {
        this.wireName = wireName;
        this.currentSchemaVersion = currentSchemaVersion;
        this.payloadClass = payloadClass;
    }

    /** The {@code eventType} value in the envelope, e.g. {@code OrderPlaced}. */
    public String wireName() {
        return wireName;
    }

    /** The schema version this code writes, and the newest it accepts when reading. */
    public int currentSchemaVersion() {
        return currentSchemaVersion;
    }

    public Class<? extends OrderEvent> payloadClass() {
        return payloadClass;
    }

    /** Classpath location of the JSON Schema of the current version, e.g. {@code schemas/OrderPlaced.v1.schema.json}. */
    public String schemaResource() {
        return "schemas/" + wireName + ".v" + currentSchemaVersion + ".schema.json";
    }

    /** The type with this wire name, or empty for a type this code does not know. */
    public static Optional<EventType> fromWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static EventType of(OrderEvent event) {
        Objects.requireNonNull(event, "event must not be null");
        for (EventType type : values()) {
            if (type.payloadClass == event.getClass()) {
                return type;
            }
        }
        throw new IllegalStateException("No EventType for " + event.getClass().getName());
    }
}
