package dev.ordersystem.orders.web;

import static dev.ordersystem.web.OpenApiProblems.PROBLEM;
import static dev.ordersystem.web.OpenApiProblems.answer;

import dev.ordersystem.web.OpenApiProblems;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every operation of the OpenAPI document ({@code /v3/api-docs}, committed as {@code
 * src/main/openapi/order-service.openapi.json}) shares: the title, the RFC 9457 {@code Problem} schema with this
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

    private static final String INVALID_FIELD = "InvalidField";

    @Bean
    OpenApiCustomizer problemAnswers() {
        return api -> {
            api.getComponents().addSchemas(INVALID_FIELD, invalidField()).addSchemas(PROBLEM, problem());
            api.getPaths().values().forEach(path -> path.readOperationsMap().forEach(ApiDocumentation::addProblems));
            OpenApiProblems.requireEveryPropertyOfAnswers(api);
        };
    }

    private static void addProblems(PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        answer(responses, "400", "Invalid request: a parameter, header or the body is invalid or malformed");
        OpenApiProblems.answerUnauthorized(responses);
        if (method == PathItem.HttpMethod.POST) {
            answer(responses, "413", "The body is larger than orders.limits.max-body-size (64 KiB)");
        }
        if (operation.getRequestBody() != null) {
            answer(responses, "415", "The body is not application/json");
        }
        answer(responses, "500", "Unexpected error; nothing was changed");
        OpenApiProblems.answerUnavailable(
                responses, "The database cannot be reached; nothing was changed, retry after Retry-After seconds");
        OpenApiProblems.answerErrorsWithProblems(responses);
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
