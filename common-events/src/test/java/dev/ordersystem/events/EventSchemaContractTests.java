package dev.ordersystem.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The producer's JSON validates against the shipped schemas, and the schemas' examples parse. */
class EventSchemaContractTests {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final JsonMapper TREES = JsonMapper.builder().build();

    private final OrderEventJson json = new OrderEventJson();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serialisedEventValidatesAgainstItsSchema(EventType type) {
        String written = json.write(OrderEventSamples.envelope(type));

        assertThat(schema(type).validate(TREES.readTree(written))).isEmpty();
    }

    @Test
    void eventWithoutTraceParentOrReasonValidatesAgainstItsSchema() {
        OrderCancelled cancelled = new OrderCancelled(
                "o-1",
                "c-1",
                "someone@example.com",
                null,
                new BigDecimal("0.00"),
                "EUR",
                OrderEventSamples.OCCURRED_AT);
        String written = json.write(EventEnvelope.of(cancelled, OrderEventSamples.OCCURRED_AT, null));

        assertThat(schema(EventType.ORDER_CANCELLED).validate(TREES.readTree(written)))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaHasAtLeastTwoExamplesThatValidateAgainstIt(EventType type) {
        List<JsonNode> examples = examples(type);

        assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode example : examples) {
            assertThat(schema(type).validate(example)).as(example.toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void examplesDeserialiseAndReserialiseToTheSameJson(EventType type) {
        for (JsonNode example : examples(type)) {
            EventEnvelope envelope = json.read(example.toString());

            assertThat(envelope.payload()).isInstanceOf(type.payloadClass());
            assertThat(TREES.readTree(json.write(envelope))).isEqualTo(example);
        }
    }

    @Test
    void rejectsPayloadWithoutCustomerEmail() {
        assertInvalid(EventType.ORDER_PLACED, doc -> payload(doc).remove("customerEmail"));
    }

    @Test
    void rejectsLineWithQuantityZero() {
        assertInvalid(
                EventType.ORDER_PLACED,
                doc -> ((ObjectNode) payload(doc).get("lines").get(0)).put("quantity", 0));
    }

    @Test
    void rejectsOrderWithoutLines() {
        assertInvalid(EventType.ORDER_SHIPPED, doc -> payload(doc).putArray("lines"));
    }

    @Test
    void rejectsMoneyWrittenAsJsonNumber() {
        assertInvalid(EventType.ORDER_PAID, doc -> payload(doc).put("total", 79.00));
    }

    @Test
    void rejectsEnvelopeOfAnotherEventType() {
        assertInvalid(EventType.ORDER_CANCELLED, doc -> doc.put("eventType", "OrderPaid"));
    }

    @Test
    void rejectsNewerSchemaVersion() {
        assertInvalid(EventType.ORDER_PAID, doc -> doc.put("schemaVersion", 2));
    }

    @Test
    void rejectsMalformedTraceParent() {
        assertInvalid(EventType.ORDER_PLACED, doc -> doc.put("traceParent", "not-a-trace"));
    }

    @Test
    void rejectsImpossibleDateThatOnlyTheDateTimeFormatCatches() {
        assertInvalid(EventType.ORDER_PAID, doc -> doc.put("occurredAt", "2026-13-45T25:61:00Z"));
    }

    @Test
    void acceptsUnknownExtraFieldsForForwardCompatibility() {
        JsonNode doc = examples(EventType.ORDER_PLACED).get(0).deepCopy();
        ((ObjectNode) doc).put("partition", 3);
        payload((ObjectNode) doc).put("giftWrap", true);

        assertThat(schema(EventType.ORDER_PLACED).validate(doc)).isEmpty();
    }

    private static void assertInvalid(EventType type, Consumer<ObjectNode> breakIt) {
        ObjectNode doc = (ObjectNode) examples(type).get(0).deepCopy();
        assertThat(schema(type).validate(doc)).as("the example itself is valid").isEmpty();

        breakIt.accept(doc);

        assertThat(schema(type).validate(doc)).as(doc.toString()).isNotEmpty();
    }

    private static ObjectNode payload(ObjectNode doc) {
        return (ObjectNode) doc.get("payload");
    }

    private static Schema schema(EventType type) {
        try (InputStream in = EventSchemas.open(type)) {
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> examples(EventType type) {
        try (InputStream in = EventSchemas.open(type)) {
            List<JsonNode> examples = new ArrayList<>();
            TREES.readTree(in).get("examples").forEach(examples::add);
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
