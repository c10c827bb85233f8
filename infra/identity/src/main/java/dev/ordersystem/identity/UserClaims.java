package dev.ordersystem.identity;

import dev.ordersystem.identity.IdentityProperties.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The claims the services read, added to the access token and the ID token of a user: {@value #EMAIL} (if the user has
 * an address) and {@value #ROLES} (a JSON array). {@code sub} is the username, {@code scope} the granted scopes, both
 * as the authorization server writes them; a machine client's token ({@code client_credentials}, {@code sub} = client
 * id) gets neither claim.
 */
@Component
public class UserClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** The user's email address. */
    public static final String EMAIL = "email";

    /** The user's roles, e.g. {@code ["customer"]}. */
    public static final String ROLES = "roles";

    private final IdentityProperties properties;

    UserClaims(IdentityProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return;
        }
        User user = properties.users().get(context.getPrincipal().getName());
        if (user == null) {
            return;
        }
        if (user.email() != null) {
            context.getClaims().claim(EMAIL, user.email());
        }
        context.getClaims().claim(ROLES, user.roles());
    }
}
