package dev.ordersystem.notifications.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersystem.events.EventSchemas;
import dev.ordersystem.events.EventType;
import dev.ordersystem.events.MalformedEventException;
import dev.ordersystem.events.UnknownEventTypeException;
import dev.ordersystem.events.UnsupportedSchemaVersionException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The consumer's side of the event contract: the schemas' examples are read, broken events are refused. */
class OrderEventReaderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OrderEventReader reader = new OrderEventReader();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void readsEveryExampleOfTheSchemas(EventType type) throws Exception {
        for (JsonNode example : examples(type)) {
            var envelope = reader.read(JSON.writeValueAsBytes(example));

            assertThat(envelope.eventType()).isEqualTo(type.wireName());
            assertThat(envelope.payload()).isInstanceOf(type.payloadClass());
        }
    }

    @Test
    void refusesAnEmailAddressThatOnlyTheSchemaChecks() throws Exception {
        ObjectNode event = example(EventType.ORDER_PAID);
        ((ObjectNode) event.get("payload")).put("customerEmail", "no-at-sign");

        assertThatThrownBy(() -> reader.read(JSON.writeValueAsBytes(event)))
                .isInstanceOf(EventSchemaViolationException.class)
                .hasMessageContaining("customerEmail");
    }

    @Test
    void refusesUnknownTypesNewerVersionsAndGarbageWithTheirOwnExceptions() throws Exception {
        ObjectNode unknown = example(EventType.ORDER_PAID).put("eventType", "OrderRefunded");
        ObjectNode newer = example(EventType.ORDER_PAID).put("schemaVersion", 2);

        assertThatThrownBy(() -> reader.read(JSON.writeValueAsBytes(unknown)))
                .isInstanceOf(UnknownEventTypeException.class);
        assertThatThrownBy(() -> reader.read(JSON.writeValueAsBytes(newer)))
                .isInstanceOf(UnsupportedSchemaVersionException.class);
        assertThatThrownBy(() -> reader.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void peeksTheEventIdOfAnEventItCannotRead() throws Exception {
        UUID id = UUID.randomUUID();
        ObjectNode unknown =
                example(EventType.ORDER_PAID).put("eventType", "OrderRefunded").put("eventId", id.toString());

        assertThat(OrderEventReader.peekEventId(JSON.writeValueAsBytes(unknown)))
                .contains(id);
        assertThat(OrderEventReader.peekEventId("{".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Optional.empty());
    }

    private static ObjectNode example(EventType type) throws Exception {
        return (ObjectNode) examples(type).get(0).deepCopy();
    }

    private static List<JsonNode> examples(EventType type) throws Exception {
        try (InputStream in = EventSchemas.open(type)) {
            List<JsonNode> examples = new ArrayList<>();
            JSON.readTree(in).get("examples").forEach(examples::add);
            return examples;
        }
    }
}
