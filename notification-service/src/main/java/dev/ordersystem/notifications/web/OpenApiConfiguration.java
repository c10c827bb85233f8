package dev.ordersystem.notifications.web;

import static dev.ordersystem.web.OpenApiProblems.PROBLEM;
import static dev.ordersystem.web.OpenApiProblems.answer;

import dev.ordersystem.web.OpenApiProblems;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
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
            OpenApiProblems.requireEveryPropertyOfAnswers(api);
        };
    }

    private static void answerProblems(Operation operation) {
        var responses = operation.getResponses();
        answer(responses, "400", "A parameter or header is invalid or malformed");
        OpenApiProblems.answerUnauthorized(responses);
        answer(responses, "500", "Unexpected error");
        OpenApiProblems.answerUnavailable(
                responses, "The database cannot serve right now; nothing was changed (retry after Retry-After)");
        OpenApiProblems.answerErrorsWithProblems(responses);
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
