package dev.ordersystem.orders.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every operation of the OpenAPI document ({@code /v3/api-docs}, committed as {@code
 * src/main/openapi/order-service.openapi.json}) shares: the title, the RFC 9457 {@value #PROBLEM} schema with this
 * service's extension members, and the problem answers that any operation can give (400 invalid request or malformed
 * {@code Authorization} header, 401, 403, 500, 503 with {@code Retry-After}; 413 and 415 where a body is sent). The
 * operations state their own answers with springdoc annotations, status and description; this gives every 4xx and 5xx
 * answer the problem media type and schema.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Order service",
                        version = "v1",
                        description =
                                "Orders of the order system: placing an order stores it and its OrderPlaced event in one"
                                        + " transaction; every state change (paid, shipped, cancelled) likewise. The events reach Kafka"
                                        + " through the outbox relay. Every error is an RFC 9457 application/problem+json with a type"
                                        + " urn:ordersystem:problem:<slug>. Every operation needs a bearer token of the issuer:"
                                        + " customers act for themselves, staff for anyone, the payment and warehouse clients pay and"
                                        + " ship."),
        servers = @Server(url = "/", description = "This service"))
class ApiDocumentation {

    static final String PROBLEM = "Problem";
    private static final String INVALID_FIELD = "InvalidField";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    OpenApiCustomizer problemAnswers() {
        return api -> {
            api.getComponents().addSchemas(INVALID_FIELD, invalidField()).addSchemas(PROBLEM, problem());
            api.getPaths().values().forEach(path -> path.readOperationsMap().forEach(ApiDocumentation::addProblems));
            Set<String> answered = new HashSet<>();
            api.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .flatMap(operation -> operation.getResponses().entrySet().stream())
                    .filter(response -> response.getKey().startsWith("2"))
                    .map(response -> response.getValue().getContent())
                    .filter(Objects::nonNull)
                    .flatMap(content -> content.values().stream())
                    .forEach(media -> requireEveryProperty(api, media.getSchema(), answered));
        };
    }

    /**
     * An answer carries every property of its record, {@code null} as {@code null}: in the schemas of answers, every
     * property is required (and nullable where it may be null).
     */
    private static void requireEveryProperty(OpenAPI api, @Nullable Schema<?> schema, Set<String> done) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
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

    private static void addProblems(PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        answer(responses, "400", "Invalid request: a parameter, header or the body is invalid or malformed");
        answer(responses, "401", "No bearer token, or not a valid one (WWW-Authenticate says why)");
        answer(responses, "403", "The token does not allow this operation");
        if (method == PathItem.HttpMethod.POST) {
            answer(responses, "413", "The body is larger than orders.limits.max-body-size (64 KiB)");
        }
        if (operation.getRequestBody() != null) {
            answer(responses, "415", "The body is not application/json");
        }
        answer(responses, "500", "Unexpected error; nothing was changed");
        answer(
                responses,
                "503",
                "The database cannot be reached; nothing was changed, retry after Retry-After seconds");
        responses
                .get("503")
                .addHeaderObject(
                        "Retry-After",
                        new Header()
                                .description("Seconds to wait before retrying")
                                .schema(new IntegerSchema()));
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(
                        new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM))));
            }
        });
    }

    private static void answer(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    private static Schema<?> invalidField() {
        return new ObjectSchema()
                .description("One offending field: a JSON path such as lines[0].quantity, or a parameter or header")
                .addProperty("field", new StringSchema().example("lines[0].quantity"))
                .addProperty("message", new StringSchema().example("must be greater than 0"))
                .required(List.of("field", "message"));
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> problem() {
        Map<String, Schema> properties = Map.of(
                "type", new StringSchema().format("uri").example("urn:ordersystem:problem:illegal-transition"),
                "title", new StringSchema().example("Illegal state transition"),
                "status", new IntegerSchema().example(409),
                "detail", new StringSchema().example("Order 3f1c… is CANCELLED and cannot be paid"),
                "instance", new StringSchema().description("The request path").example("/orders/3f1c…/pay"),
                "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref(INVALID_FIELD))
                                .description("The invalid fields (invalid-request, malformed-body)"),
                "orderStatus",
                        new StringSchema()
                                .description("The order's status (illegal-transition)")
                                .example("CANCELLED"));
        var schema = new ObjectSchema()
                .description("An RFC 9457 problem; type urn:ordersystem:problem:<slug> says which")
                .required(List.of("type", "title", "status"));
        schema.setProperties(new TreeMap<>(properties));
        return schema;
    }
}
