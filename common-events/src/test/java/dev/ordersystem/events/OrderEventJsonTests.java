package dev.ordersystem.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class OrderEventJsonTests {

    private static final JsonMapper TREES = JsonMapper.builder().build();

    private final OrderEventJson json = new OrderEventJson();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void roundTripsEveryEventType(EventType type) {
        EventEnvelope envelope = OrderEventSamples.envelope(type);

        assertThat(json.read(json.write(envelope))).isEqualTo(envelope);
        assertThat(json.read(json.writeBytes(envelope))).isEqualTo(envelope);
        assertThat(json.read(json.tree(json.writeBytes(envelope)))).isEqualTo(envelope);
    }

    @Test
    void keepsTheScaleOfMoneyAmounts() {
        OrderPlaced placed = new OrderPlaced(
                "o-1",
                "c-1",
                "someone@example.com",
                List.of(new OrderLine("SKU-1", 4, new BigDecimal("2.500"), new BigDecimal("10.000"))),
                new BigDecimal("10.000"),
                "EUR",
                OrderEventSamples.OCCURRED_AT);

        OrderPlaced read =
                (OrderPlaced) json.read(json.write(EventEnvelope.of(placed, OrderEventSamples.OCCURRED_AT, null)))
                        .payload();

        assertThat(read.total()).hasToString("10.000");
        assertThat(read.lines().get(0).unitPrice()).hasToString("2.500");
    }

    @Test
    void writesTheDocumentedWireFormat() {
        String written = json.write(OrderEventSamples.envelope(EventType.ORDER_PLACED));

        assertThat(written)
                .startsWith("{\"eventId\":\"")
                .contains("\"eventType\":\"OrderPlaced\",\"schemaVersion\":1,"
                        + "\"occurredAt\":\"2026-11-25T10:15:30.123Z\"")
                .contains("\"unitPrice\":\"12.50\",\"lineTotal\":\"25.00\"")
                .contains("\"total\":\"79.00\"");
    }

    @Test
    void writesMissingTraceParentAndReasonAsNull() {
        OrderCancelled cancelled = new OrderCancelled(
                "o-1",
                "c-1",
                "someone@example.com",
                null,
                new BigDecimal("5.00"),
                "EUR",
                OrderEventSamples.OCCURRED_AT);
        EventEnvelope envelope = EventEnvelope.of(cancelled, OrderEventSamples.OCCURRED_AT, null);
        String written = json.write(envelope);

        assertThat(written).contains("\"traceParent\":null").contains("\"reason\":null");
        assertThat(json.read(written)).isEqualTo(envelope);
    }

    @Test
    void rejectsInputThatIsNotJson() {
        assertThatThrownBy(() -> json.read("this is not json")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> json.read("[1,2]")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> json.read("".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> json.tree("{\"eventType\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> json.read(json.tree("[1,2]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedEventException.class);
    }

    static Stream<Arguments> malformedDocuments() {
        return Stream.of(
                malformed("no eventId", EventType.ORDER_PAID, doc -> doc.remove("eventId"), "eventId"),
                malformed("eventId not a UUID", EventType.ORDER_PAID, doc -> doc.put("eventId", "42"), ""),
                malformed(
                        "payload of the wrong shape",
                        EventType.ORDER_PLACED,
                        doc -> doc.put("eventType", "OrderShipped"),
                        "OrderShipped"),
                malformed(
                        "payload without a required field",
                        EventType.ORDER_PLACED,
                        doc -> payload(doc).remove("customerEmail"),
                        "customerEmail"),
                malformed(
                        "money as a JSON number, which loses its scale",
                        EventType.ORDER_PAID,
                        doc -> payload(doc).put("total", new BigDecimal("79.10")),
                        "money"),
                malformed(
                        "money in exponent notation",
                        EventType.ORDER_PAID,
                        doc -> payload(doc).put("total", "7.91E+1"),
                        ""),
                malformed("payload not an object", EventType.ORDER_PAID, doc -> doc.put("payload", "{}"), ""),
                malformed(
                        "aggregateId not the orderId",
                        EventType.ORDER_PAID,
                        doc -> doc.put("aggregateId", "another-order"),
                        ""),
                malformed("schemaVersion a string", EventType.ORDER_SHIPPED, doc -> doc.put("schemaVersion", "1"), ""),
                malformed("schemaVersion 0", EventType.ORDER_SHIPPED, doc -> doc.put("schemaVersion", 0), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDocuments")
    void rejectsAMalformedDocumentNamingWhatIsWrong(
            String name, EventType type, Consumer<ObjectNode> change, String named) {
        ObjectNode doc = validDocument(type);
        change.accept(doc);

        assertThatThrownBy(() -> json.read(doc.toString()))
                .isInstanceOf(MalformedEventException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(named));
    }

    @Test
    void rejectsUnknownEventType() {
        ObjectNode doc = validDocument(EventType.ORDER_PAID);
        doc.put("eventType", "OrderRefunded");

        assertThatThrownBy(() -> json.read(doc.toString()))
                .isInstanceOfSatisfying(
                        UnknownEventTypeException.class,
                        e -> assertThat(e.eventType()).isEqualTo("OrderRefunded"));
    }

    @Test
    void rejectsSchemaVersionNewerThanKnown() {
        ObjectNode doc = validDocument(EventType.ORDER_SHIPPED);
        doc.put("schemaVersion", 2);

        assertThatThrownBy(() -> json.read(doc.toString()))
                .isInstanceOfSatisfying(UnsupportedSchemaVersionException.class, e -> {
                    assertThat(e.eventType()).isEqualTo(EventType.ORDER_SHIPPED);
                    assertThat(e.schemaVersion()).isEqualTo(2);
                    assertThat(e.supportedVersion()).isEqualTo(1);
                });
    }

    @Test
    void ignoresUnknownExtraFields() {
        EventEnvelope envelope = OrderEventSamples.envelope(EventType.ORDER_PLACED);
        ObjectNode doc = (ObjectNode) TREES.readTree(json.write(envelope));
        doc.put("producer", "order-service");
        ((ObjectNode) doc.get("payload")).put("giftWrap", true);
        ((ObjectNode) doc.get("payload").get("lines").get(0)).put("warehouse", "BER-1");

        assertThat(json.read(doc.toString())).isEqualTo(envelope);
    }

    @Test
    void allErrorsAreEventFormatExceptions() {
        assertThat(EventFormatException.class)
                .isAssignableFrom(MalformedEventException.class)
                .isAssignableFrom(UnknownEventTypeException.class)
                .isAssignableFrom(UnsupportedSchemaVersionException.class);
    }

    private ObjectNode validDocument(EventType type) {
        return (ObjectNode) TREES.readTree(json.write(OrderEventSamples.envelope(type)));
    }

    private static Arguments malformed(String name, EventType type, Consumer<ObjectNode> change, String named) {
        return Arguments.of(name, type, change, named);
    }

    private static ObjectNode payload(ObjectNode doc) {
        return (ObjectNode) doc.get("payload");
    }
}
