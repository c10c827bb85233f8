package dev.ordersystem.web;

import java.util.function.Consumer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read exactly as the OpenAPI document describes them, or refused with 400 {@code malformed-body}:
 * a key given twice, a property the schema does not have ({@code additionalProperties: false}), a string where a
 * number belongs ({@code "quantity": "1"}) or a number, boolean or object where a string belongs, a fraction where
 * an integer belongs ({@code 1.5}), and anything after the JSON value. Nothing is
 * coerced: what a client sends is what the service stores. A service that reads request bodies imports it.
 */
public class StrictJson implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Integer, strictly(CoercionInputShape.String, CoercionInputShape.Float))
                .withCoercionConfig(LogicalType.Float, strictly(CoercionInputShape.String))
                .withCoercionConfig(
                        LogicalType.Boolean, strictly(CoercionInputShape.String, CoercionInputShape.Integer))
                .withCoercionConfig(
                        LogicalType.Textual,
                        strictly(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean));
    }

    private static Consumer<MutableCoercionConfig> strictly(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }
}
