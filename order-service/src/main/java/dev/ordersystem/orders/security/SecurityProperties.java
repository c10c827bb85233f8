package dev.ordersystem.orders.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which token claims say who the caller is, prefix {@code orders.security}. The defaults are the claims of the demo's
 * authorization server; for another provider name its claims here. A name with dots is a path into nested claims
 * ({@code realm_access.roles} for Keycloak) unless the token has a claim with exactly that name (Auth0's namespaced
 * claims such as {@code https://example.com/roles}).
 *
 * <p>The issuer itself is Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code
 * jwk-set-uri}). Scopes are read from {@code scope}/{@code scp} as Spring Security does.
 *
 * @param customerIdClaim the customer id of a customer's token (the orders' {@code customerId})
 * @param emailClaim the customer's email address, where the order's notifications are mailed
 * @param rolesClaim the user's roles ({@code customer}, {@code staff}, {@code operator}, {@code viewer}): a JSON array,
 *     or a string of names separated by spaces or commas; each becomes the authority {@code ROLE_<role>}
 */
@ConfigurationProperties("orders.security")
@Validated
public record SecurityProperties(
        @DefaultValue("sub") @NotBlank String customerIdClaim,
        @DefaultValue("email") @NotBlank String emailClaim,
        @DefaultValue("roles") @NotBlank String rolesClaim) {}
