package dev.ordersystem.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads and writes {@link EventEnvelope}s in the wire format described by the schemas in {@link EventSchemas}.
 * Thread-safe; all instances share one immutable {@link JsonMapper}.
 *
 * <p>Wire format: field names are the record component names; money ({@link BigDecimal}) is a JSON string
 * holding the exact decimal with its scale ({@code "12.50"}); instants are ISO-8601 UTC strings; a missing
 * {@code traceParent} or {@code reason} is written as {@code null}. Money written as a JSON number, or in
 * exponent notation, is rejected when reading.
 *
 * <p>Reading checks, in this order: the input is a JSON object ({@link MalformedEventException}), its
 * {@code eventType} is known ({@link UnknownEventTypeException}), its {@code schemaVersion} is not newer than
 * {@link EventType#currentSchemaVersion()} ({@link UnsupportedSchemaVersionException}), then the remaining
 * envelope fields and the payload, bound to the record of its {@code eventType} ({@link
 * MalformedEventException}). Unknown extra fields, in the envelope or the payload, are ignored: adding an
 * optional field is a compatible change within a schema version.
 */
public final class OrderEventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addModule(new SimpleModule("order-events").addDeserializer(BigDecimal.class, new MoneyDeserializer()))
            .withConfigOverride(BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
            .build();

    public String write(EventEnvelope envelope) {
        Objects.requireNonNull(envelope, "envelope must not be null");
        return MAPPER.writeValueAsString(envelope);
    }

    public byte[] writeBytes(EventEnvelope envelope) {
        Objects.requireNonNull(envelope, "envelope must not be null");
        return MAPPER.writeValueAsBytes(envelope);
    }

    public EventEnvelope read(String json) {
        Objects.requireNonNull(json, "json must not be null");
        return fromTree(tree(() -> MAPPER.readTree(json)));
    }

    public EventEnvelope read(byte[] json) {
        return read(tree(json));
    }

    /**
     * The JSON tree of an event, for a reader that does more with it than {@link #read(JsonNode)} (a schema
     * validation), so that the bytes are parsed once.
     *
     * @throws MalformedEventException not a JSON document
     */
    public JsonNode tree(byte[] json) {
        Objects.requireNonNull(json, "json must not be null");
        return tree(() -> MAPPER.readTree(json));
    }

    /** The envelope of a tree from {@link #tree(byte[])}; as {@link #read(byte[])}. */
    public EventEnvelope read(JsonNode tree) {
        return fromTree(tree);
    }

    private static JsonNode tree(Supplier<JsonNode> reader) {
        try {
            return reader.get();
        } catch (JacksonException e) {
            throw new MalformedEventException("Not a JSON document: " + e.getOriginalMessage(), e);
        }
    }

    private static EventEnvelope fromTree(@Nullable JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("An event must be a JSON object");
        }
        String wireName = requiredString(root, "eventType");
        EventType type = EventType.fromWireName(wireName).orElseThrow(() -> new UnknownEventTypeException(wireName));
        int schemaVersion = schemaVersion(root);
        if (schemaVersion > type.currentSchemaVersion()) {
            throw new UnsupportedSchemaVersionException(type, schemaVersion);
        }
        UUID eventId = parse(root, "eventId", UUID::fromString);
        Instant occurredAt = parse(root, "occurredAt", Instant::parse);
        String aggregateId = requiredString(root, "aggregateId");
        String traceParent = optionalString(root, "traceParent");
        JsonNode payloadNode = root.get("payload");
        if (payloadNode == null || !payloadNode.isObject()) {
            throw new MalformedEventException("payload must be a JSON object");
        }
        OrderEvent payload;
        try {
            payload = MAPPER.treeToValue(payloadNode, type.payloadClass());
        } catch (JacksonException e) {
            throw new MalformedEventException(
                    "payload is not a valid " + type.wireName() + ": " + e.getOriginalMessage(), e);
        }
        try {
            return new EventEnvelope(eventId, wireName, schemaVersion, occurredAt, aggregateId, traceParent, payload);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage(), e);
        }
    }

    private static int schemaVersion(JsonNode root) {
        JsonNode node = root.get("schemaVersion");
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new MalformedEventException("schemaVersion must be a positive integer");
        }
        return node.intValue();
    }

    private static String requiredString(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isString() || node.stringValue().isEmpty()) {
            throw new MalformedEventException(field + " must be a non-empty string");
        }
        return node.stringValue();
    }

    private static @Nullable String optionalString(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new MalformedEventException(field + " must be a string or null");
        }
        return node.stringValue();
    }

    private static <T> T parse(JsonNode root, String field, Function<String, T> parser) {
        String text = requiredString(root, field);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException(field + " is invalid: " + text, e);
        }
    }

    /**
     * Money is only accepted as a string holding a plain decimal, like the schemas say: a JSON number would
     * already have lost its scale ({@code 79.10} reads as {@code 79.1}).
     */
    private static final class MoneyDeserializer extends StdScalarDeserializer<BigDecimal> {

        private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

        MoneyDeserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.reportInputMismatch(this, "money must be a JSON string such as \"12.50\"");
            }
            String text = p.getString();
            if (!DECIMAL.matcher(text).matches()) {
                return ctxt.reportInputMismatch(this, "money must be a plain decimal but was \"%s\"", text);
            }
            return new BigDecimal(text);
        }
    }
}
