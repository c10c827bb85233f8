package dev.ordersystem.notifications.inbox;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventSchemas;
import dev.ordersystem.events.EventType;
import dev.ordersystem.events.MalformedEventException;
import dev.ordersystem.events.OrderEventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a record value into an {@link EventEnvelope}: parsed by {@link OrderEventJson} (which rejects unknown types,
 * newer versions and malformed envelopes with its exceptions), then validated against the type's JSON Schema (draft
 * 2020-12, formats asserted), which also catches what binding alone lets through, such as a malformed email address.
 */
@Component
class OrderEventReader {

    private static final int MAX_REPORTED_VIOLATIONS = 5;

    private static final JsonMapper TREES = JsonMapper.builder().build();

    private final OrderEventJson json = new OrderEventJson();
    private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

    OrderEventReader() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        for (EventType type : EventType.values()) {
            try (InputStream in = EventSchemas.open(type)) {
                schemas.put(type, registry.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the schema " + type.schemaResource(), e);
            }
        }
    }

    /**
     * @throws dev.ordersystem.events.UnknownEventTypeException the type is not one this code knows
     * @throws dev.ordersystem.events.UnsupportedSchemaVersionException the version is newer than this code knows
     * @throws MalformedEventException not JSON, or not a valid envelope
     * @throws EventSchemaViolationException valid envelope, but not valid against the type's schema
     */
    EventEnvelope read(byte[] value) {
        JsonNode tree = json.tree(value); // parsed once, for the envelope and for its schema
        EventEnvelope envelope = json.read(tree);
        EventType type = EventType.fromWireName(envelope.eventType()).orElseThrow();
        // Only the current version's schema ships; older versions would each need theirs once they exist.
        List<Error> errors = schemas.get(type).validate(tree);
        if (!errors.isEmpty()) {
            throw new EventSchemaViolationException(
                    envelope.eventType(),
                    errors.stream()
                            .limit(MAX_REPORTED_VIOLATIONS)
                            .map(Error::toString)
                            .toList());
        }
        return envelope;
    }

    /** The {@code eventId} of a value that could not be read completely, if it has a valid one. */
    static Optional<UUID> peekEventId(byte[] value) {
        try {
            JsonNode id = TREES.readTree(value).get("eventId");
            return id != null && id.isString() ? Optional.of(UUID.fromString(id.stringValue())) : Optional.empty();
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
