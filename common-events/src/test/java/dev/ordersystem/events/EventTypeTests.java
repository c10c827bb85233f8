package dev.ordersystem.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventTypeTests {

    @Test
    void coversExactlyThePermittedSubclassesOfOrderEvent() {
        Set<Class<?>> payloadClasses =
                Arrays.stream(EventType.values()).map(EventType::payloadClass).collect(Collectors.toSet());

        assertThat(payloadClasses).isEqualTo(Set.of(OrderEvent.class.getPermittedSubclasses()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shipsASchemaForTheCurrentVersion(EventType type) throws IOException {
        assertThat(type.schemaResource())
                .isEqualTo("schemas/" + type.wireName() + ".v" + type.currentSchemaVersion() + ".schema.json");
        assertThat(EventSchemas.schemaUrl(type)).isNotNull();
        try (InputStream in = EventSchemas.open(type)) {
            assertThat(in.readAllBytes()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void findsTheTypeByWireNameAndByEvent(EventType type) {
        assertThat(EventType.fromWireName(type.wireName())).contains(type);
        assertThat(EventType.of(OrderEventSamples.sample(type))).isEqualTo(type);
    }

    @Test
    void doesNotKnowOtherWireNames() {
        assertThat(EventType.fromWireName("OrderRefunded")).isEmpty();
        assertThat(EventType.fromWireName("orderPlaced")).isEmpty();
    }
}
