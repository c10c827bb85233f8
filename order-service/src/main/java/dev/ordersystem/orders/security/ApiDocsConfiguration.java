package dev.ordersystem.orders.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the OpenAPI document tells clients to authenticate, and what Swagger UI's Authorize button offers: a bearer token
 * pasted in ({@value #BEARER}, e.g. printed by the token command), or a login at the issuer ({@value #LOGIN}: OpenID
 * Connect, endpoints from the issuer's discovery document, authorization code with PKCE for the public client that
 * {@code springdoc.swagger-ui.oauth.client-id} names).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String BEARER = "bearer";
    static final String LOGIN = "login";

    static {
        // the caller comes from the token, not from a request parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI openApi(OAuth2ResourceServerProperties resourceServer) {
        var components = new Components()
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("An access token of the issuer"));
        var api = new OpenAPI().components(components).addSecurityItem(new SecurityRequirement().addList(BEARER));
        String issuer = resourceServer.getJwt().getIssuerUri();
        if (issuer != null) {
            components.addSecuritySchemes(
                    LOGIN,
                    new SecurityScheme()
                            .type(SecurityScheme.Type.OPENIDCONNECT)
                            .openIdConnectUrl(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration")
                            .description("The issuer's OpenID Connect discovery: people log in with authorization code"
                                    + " and PKCE, machine clients (payment, warehouse) use client credentials"));
            api.addSecurityItem(new SecurityRequirement().addList(LOGIN));
        }
        return api;
    }
}
