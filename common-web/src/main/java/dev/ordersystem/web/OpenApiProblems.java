package dev.ordersystem.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the OpenAPI documents of both services do alike: the problem answers every operation can give, every 4xx and 5xx
 * answer as {@code application/problem+json} of the schema {@value #PROBLEM} (which each service defines with its own
 * extension members), and every property of an answer required (records are written whole, {@code null} as {@code
 * null}; nullable ones say so).
 */
public final class OpenApiProblems {

    /** The name of the RFC 9457 problem schema in the components. */
    public static final String PROBLEM = "Problem";

    private OpenApiProblems() {}

    /** Adds the answer unless the operation states its own. */
    public static void answer(ApiResponses responses, String status, String description) {
        responses.putIfAbsent(status, new ApiResponse().description(description));
    }

    /** Adds the answers of a request without a valid bearer token (401) or with one that does not allow it (403). */
    public static void answerUnauthorized(ApiResponses responses) {
        answer(responses, "401", "No bearer token, or not a valid one (WWW-Authenticate says why)");
        answer(responses, "403", "The token does not allow this operation");
    }

    /** Adds the 503 answer with its {@code Retry-After} header, unless the operation states its own. */
    public static void answerUnavailable(ApiResponses responses, String description) {
        responses.putIfAbsent(
                "503",
                new ApiResponse()
                        .description(description)
                        .addHeaderObject(
                                "Retry-After",
                                new Header()
                                        .description("Seconds to wait before retrying")
                                        .schema(new IntegerSchema())));
    }

    /** Gives every 4xx and 5xx answer the problem media type and schema. */
    public static void answerErrorsWithProblems(ApiResponses responses) {
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref(PROBLEM))));
            }
        });
    }

    /** Marks every property of the 2xx answers' schemas, and of the schemas they refer to, required. */
    public static void requireEveryPropertyOfAnswers(OpenAPI api) {
        Set<String> done = new HashSet<>();
        api.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .flatMap(operation -> operation.getResponses().entrySet().stream())
                .filter(response -> response.getKey().startsWith("2"))
                .map(response -> response.getValue().getContent())
                .filter(Objects::nonNull)
                .flatMap(content -> content.values().stream())
                .forEach(media -> requireEveryProperty(api, media.getSchema(), done));
    }

    private static void requireEveryProperty(OpenAPI api, @Nullable Schema<?> schema, Set<String> done) {
        if (schema == null) {
            return;
        }
        String ref = schema.get$ref();
        if (ref != null) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (done.add(name)) {
                requireEveryProperty(api, api.getComponents().getSchemas().get(name), done);
            }
            return;
        }
        requireEveryProperty(api, schema.getItems(), done);
        if (schema.getProperties() != null) {
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            schema.getProperties().values().forEach(property -> requireEveryProperty(api, property, done));
        }
    }
}
