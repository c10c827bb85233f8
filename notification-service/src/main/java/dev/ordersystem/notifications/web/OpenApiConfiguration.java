package dev.ordersystem.notifications.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}, committed as {@code src/main/openapi/notification-service.openapi.json}.
 * Every operation takes a bearer token: pasted ({@code bearer}), or obtained in Swagger UI with a login at the issuer
 * ({@code oidc}: OpenID Connect discovery of the configured issuer, authorization code with PKCE as client {@code
 * springdoc.swagger-ui.oauth.client-id}). The operations state their own answers (status and description); this adds
 * the ones every operation can give (400, 401, 403, 500, 503), gives every 4xx and 5xx answer the RFC 9457 {@code Problem}
 * schema as {@code application/problem+json}, and marks every property of an answer required (records are written
 * whole, {@code null} as {@code null}; nullable ones say so).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Notification service",
                        version = "v1",
                        description =
                                "In-app notification feed of customers (pages, one notification, a live stream of"
                                        + " server-sent events), and operator endpoints for dead letters and consumer lag. Every error"
                                        + " is an RFC 9457 application/problem+json with a type urn:ordersystem:problem:<slug>."),
        servers = @Server(url = "/", description = "This service"))
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";

    @Bean
    OpenApiCustomizer bearerTokens(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer) {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents()
                    .addSecuritySchemes(
                            "bearer",
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("JWT")
                                    .description("An access token of the issuer"));
            api.addSecurityItem(new SecurityRequirement().addList("bearer"));
            if (!issuer.isBlank()) {
                api.getComponents()
                        .addSecuritySchemes(
                                "oidc",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OPENIDCONNECT)
                                        .openIdConnectUrl(
                                                issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration")
                                        .description("The issuer's OpenID Connect discovery: people log in with"
                                                + " authorization code and PKCE"));
                api.addSecurityItem(new SecurityRequirement().addList("oidc"));
            }
        };
    }

    @Bean
    OpenApiCustomizer problems() {
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problem());
            api.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .forEach(OpenApiConfiguration::answerProblems);
            Set<String> answered = new HashSet<>();
            api.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .flatMap(operation -> operation.getResponses().entrySet().stream())
                    .filter(response -> response.getKey().startsWith("2"))
                    .map(response -> response.getValue().getContent())
                    .filter(Objects::nonNull)
                    .flatMap(content -> content.values().stream())
                    .forEach(media -> requireAll(api, media.getSchema(), answered));
        };
    }

    private static void answerProblems(Operation operation) {
        var responses = operation.getResponses();
        responses.putIfAbsent("400", new ApiResponse().description("A parameter or header is invalid or malformed"));
        responses.putIfAbsent(
                "401",
                new ApiResponse().description("No bearer token, or not a valid one (WWW-Authenticate says why)"));
        responses.putIfAbsent("403", new ApiResponse().description("The token does not allow this operation"));
        responses.putIfAbsent("500", new ApiResponse().description("Unexpected error"));
        responses.putIfAbsent(
                "503",
                new ApiResponse()
                        .description(
                                "The database cannot serve right now; nothing was changed (retry after Retry-After)")
                        .addHeaderObject(
                                "Retry-After",
                                new Header()
                                        .description("Seconds to wait before retrying")
                                        .schema(new IntegerSchema())));
        responses.forEach((status, response) -> {
            if (status.compareTo("400") >= 0) {
                response.setContent(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref(PROBLEM))));
            }
        });
    }

    /** Every property of an answer's schema, and of the schemas it refers to, is required. */
    private static void requireAll(OpenAPI api, @Nullable Schema<?> schema, Set<String> done) {
        if (schema == null) {
            return;
        }
        String ref = schema.get$ref();
        if (ref != null) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (done.add(name)) {
                requireAll(api, api.getComponents().getSchemas().get(name), done);
            }
            return;
        }
        requireAll(api, schema.getItems(), done);
        if (schema.getProperties() != null) {
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            schema.getProperties().values().forEach(property -> requireAll(api, property, done));
        }
    }

    private static Schema<?> problem() {
        var invalidField = new ObjectSchema()
                .addProperty("field", new StringSchema().example("size"))
                .addProperty("message", new StringSchema().example("must be between 1 and 100"))
                .required(List.of("field", "message"));
        return new ObjectSchema()
                .description("An RFC 9457 problem; type urn:ordersystem:problem:<slug> says which")
                .addProperty("type", new StringSchema().format("uri").example("urn:ordersystem:problem:feed-not-found"))
                .addProperty("title", new StringSchema().example("Feed not found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().description("The request path"))
                .addProperty(
                        "errors",
                        new ArraySchema().items(invalidField).description("The invalid parameters (invalid-request)"))
                .required(List.of("type", "title", "status"));
    }
}
