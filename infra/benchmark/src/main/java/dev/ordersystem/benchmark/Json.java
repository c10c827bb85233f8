package dev.ordersystem.benchmark;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The benchmark's JSON: indented, every figure to 2 decimals (ratios, where annotated with {@link ThreeDecimals}, to
 * 3), a figure that is not a number as 0.
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("benchmark-figures")
                    .addSerializer(Double.class, new Rounded(2))
                    .addSerializer(double.class, new Rounded(2)))
            .build();

    private Json() {}

    /** Writes a double rounded half up to a number of decimals. */
    static class Rounded extends ValueSerializer<Double> {

        private final double scale;

        Rounded(int decimals) {
            this.scale = Math.pow(10, decimals);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
            generator.writeNumber(round(value));
        }

        double round(double value) {
            return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
        }
    }

    /** For ratios: 3 decimals. */
    static final class ThreeDecimals extends Rounded {
        ThreeDecimals() {
            super(3);
        }
    }
}
