package dev.ordersystem.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the authorization server, prefix {@code identity}; the demo values are in {@code identity.yaml}.
 *
 * <p>The HTTP port is {@code identity.port} (default 9000); it sets {@code server.port} and the default issuer {@code
 * http://localhost:<port>}.
 *
 * <p>A password or client secret in Spring Security's {@code {id}encoded} form (e.g. {@code {bcrypt}$2a$10$...}) is
 * used as it is; any other value is the secret in plain text.
 *
 * @param issuer the issuer identifier: what discovery announces and every token's {@code iss} says
 * @param accessTokenLifetime how long an access token is valid
 * @param signingKey a PEM file with the RSA private key that signs the tokens (PKCS#8 or PKCS#1, e.g. from {@code
 *     openssl genpkey -algorithm RSA}), so that restarts and several instances share one key; without it a new key is
 *     generated at every start
 * @param corsAllowedOrigins browser origins that may call the token endpoint (Swagger UI's Authorize button)
 * @param users the users who log in with the form, by username (the token's {@code sub})
 * @param clients the registered OAuth2 clients, by client id
 */
@ConfigurationProperties("identity")
@Validated
public record IdentityProperties(
        @NotNull URI issuer,
        @DefaultValue("PT15M") @NotNull Duration accessTokenLifetime,
        @Nullable Path signingKey,
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue Map<String, @Valid User> users,
        @DefaultValue Map<String, @Valid Client> clients) {

    /**
     * @param password the password of the login form
     * @param email the {@code email} claim, if the user has an address
     * @param roles the {@code roles} claim
     */
    public record User(
            @NotBlank String password,
            @Nullable String email,
            @DefaultValue List<String> roles) {}

    /**
     * A client with a secret is confidential (HTTP Basic or form parameters at the token endpoint); one without is
     * public and must use PKCE.
     *
     * @param secret the client secret, none for a public client
     * @param grantTypes {@code authorization_code} and/or {@code client_credentials}
     * @param redirectUris where the authorization endpoint may send the code; for a loopback IP literal ({@code
     *     127.0.0.1}) any port is accepted (RFC 8252)
     * @param scopes the scopes the client may ask for
     */
    public record Client(
            @Nullable String secret,
            @NotEmpty Set<String> grantTypes,
            @DefaultValue List<URI> redirectUris,
            @DefaultValue Set<String> scopes) {

        public boolean isPublic() {
            return secret == null || secret.isBlank();
        }
    }
}
