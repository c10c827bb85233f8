package dev.ordersystem.events;

/**
 * The envelope's {@code schemaVersion} is newer than the one this code knows: the producer was upgraded
 * before this consumer.
 */
public class UnsupportedSchemaVersionException extends EventFormatException {

    private final EventType eventType;
    private final int schemaVersion;
    private final int supportedVersion;

    public UnsupportedSchemaVersionException(EventType eventType, int schemaVersion) {
        super(eventType.wireName() + " schemaVersion " + schemaVersion + " is newer than the supported version "
                + eventType.currentSchemaVersion());
        this.eventType = eventType;
        this.schemaVersion = schemaVersion;
        this.supportedVersion = eventType.currentSchemaVersion();
    }

    public EventType eventType() {
        return eventType;
    }

    /** The version found in the message. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The newest version this code can read. */
    public int supportedVersion() {
        return supportedVersion;
    }
}
