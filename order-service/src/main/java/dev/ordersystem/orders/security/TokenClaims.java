package dev.ordersystem.orders.security;

import dev.ordersystem.web.RolesClaim;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** Reads the claims named by {@link SecurityProperties} from a token: the roles as authorities, and the caller. */
@Component
class TokenClaims {

    static final String ROLE_PREFIX = "ROLE_";

    private final SecurityProperties names;

    TokenClaims(SecurityProperties names) {
        this.names = names;
    }

    /** {@code ROLE_<role>} for each role of the roles claim. */
    Collection<GrantedAuthority> roleAuthorities(Jwt jwt) {
        return RolesClaim.roles(claim(jwt, names.rolesClaim())).stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(ROLE_PREFIX + role))
                .toList();
    }

    /** The caller the token stands for, with the roles it was granted. */
    Caller caller(JwtAuthenticationToken authentication) {
        Jwt jwt = authentication.getToken();
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new ForbiddenException("The token has no subject");
        }
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .collect(Collectors.toSet());
        return new Caller(
                subject, roles, text(claim(jwt, names.customerIdClaim())), text(claim(jwt, names.emailClaim())));
    }

    /** The claim of that name, else the dotted path into nested claims, else {@code null}. */
    static @Nullable Object claim(Jwt jwt, String name) {
        if (jwt.hasClaim(name)) {
            return jwt.getClaim(name);
        }
        Object value = jwt.getClaims();
        for (String step : name.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(step);
        }
        return value;
    }

    private static @Nullable String text(@Nullable Object value) {
        return value instanceof String string ? string : null;
    }
}
