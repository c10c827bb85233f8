package dev.ordersystem.notifications.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}. Every operation takes a bearer token: pasted ({@code bearer}), or
 * obtained in Swagger UI with a login at the issuer ({@code oidc}: OpenID Connect discovery of the configured issuer,
 * authorization code with PKCE as client {@code springdoc.swagger-ui.oauth.client-id}).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Notification service",
                        version = "v1",
                        description = "In-app notification feed of customers, and operator endpoints for dead letters"
                                + " and consumer lag"))
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
                                    .bearerFormat("JWT"));
            api.addSecurityItem(new SecurityRequirement().addList("bearer"));
            if (!issuer.isBlank()) {
                api.getComponents()
                        .addSecuritySchemes(
                                "oidc",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OPENIDCONNECT)
                                        .openIdConnectUrl(
                                                issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration"));
                api.addSecurityItem(new SecurityRequirement().addList("oidc"));
            }
        };
    }
}
