package dev.ordersystem.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTests {

    record Line(
            @Nullable String sku,
            @Nullable Integer quantity,
            @Nullable BigDecimal price,
            @Nullable Boolean gift) {}

    private static final JsonMapper JSON = strictMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"sku\": \"A\", \"sku\": \"B\"}",
                "{\"quantity\": \"1\"}",
                "{\"quantity\": 1.5}",
                "{\"quantity\": 1.0}",
                "{\"price\": \"10.00\"}",
                "{\"sku\": 1}",
                "{\"sku\": 1.5}",
                "{\"sku\": true}",
                "{\"sku\": {}}",
                "{\"sku\": [\"A\"]}",
                "{\"gift\": \"true\"}",
                "{\"gift\": 1}",
                "{\"color\": \"red\"}",
                "{\"sku\": \"A\"} {}",
                "{\"sku\": \"A\"} x"
            })
    void refusesWhatTheSchemaDoesNotSay(String json) {
        assertThatThrownBy(() -> JSON.readValue(json, Line.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void readsWhatTheSchemaSays() {
        assertThat(JSON.readValue("{\"sku\": \"A\", \"quantity\": 2, \"price\": 1.50, \"gift\": true}", Line.class))
                .isEqualTo(new Line("A", 2, new BigDecimal("1.50"), true));
        assertThat(JSON.readValue("{\"price\": 3}", Line.class).price()).isEqualByComparingTo("3");
    }

    private static JsonMapper strictMapper() {
        var builder = JsonMapper.builder();
        new StrictJson().customize(builder);
        return builder.build();
    }
}
