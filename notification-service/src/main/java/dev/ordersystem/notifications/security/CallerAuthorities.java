package dev.ordersystem.notifications.security;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.web.RolesClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * A validated access token as the caller: named by the customer-id claim (or {@code sub} where a token has none, as
 * machine clients' do), with the authorities {@code SCOPE_<scope>} for its scopes (Spring's default) and
 * {@code ROLE_<role>} for the roles of the roles claim, which may be a dotted path to a nested claim (Keycloak's
 * {@code realm_access.roles}).
 */
final class CallerAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

    private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
    private final String customerIdClaim;
    private final List<String> rolesPath;

    CallerAuthorities(NotificationsProperties.Security settings) {
        this.customerIdClaim = settings.customerIdClaim();
        this.rolesPath = List.of(settings.rolesClaim().split("\\."));
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
        roles(jwt).forEach(role -> authorities.add(new SimpleGrantedAuthority(Roles.authority(role))));
        String name = jwt.getClaimAsString(customerIdClaim);
        return new JwtAuthenticationToken(jwt, authorities, name != null ? name : jwt.getSubject());
    }

    /** The roles claim, at its path ({@link RolesClaim}). */
    private List<String> roles(Jwt jwt) {
        @Nullable Object value = jwt.getClaims();
        for (String key : rolesPath) {
            value = value instanceof Map<?, ?> claims ? claims.get(key) : null;
        }
        return RolesClaim.roles(value);
    }
}
