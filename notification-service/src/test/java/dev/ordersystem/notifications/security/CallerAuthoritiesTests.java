package dev.ordersystem.notifications.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.notifications.NotificationsProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerAuthoritiesTests {

    private static final CallerAuthorities DEFAULTS =
            new CallerAuthorities(new NotificationsProperties.Security("sub", "roles"));

    @Test
    void customerIsNamedByTheSubjectWithTheRolesOfTheRolesClaim() {
        Authentication ada = DEFAULTS.convert(jwt(Map.of("sub", "ada", "roles", List.of("customer"))));

        assertThat(ada.getName()).isEqualTo("ada");
        assertThat(authorities(ada)).containsExactly("ROLE_customer");
        assertThat(Caller.of(ada)).isEqualTo(new Caller("ada", false));
        assertThat(Caller.of(ada).mayRead("ada")).isTrue();
        assertThat(Caller.of(ada).mayRead("grace")).isFalse();
    }

    @Test
    void staffMayReadAnyCustomer() {
        Authentication sam = DEFAULTS.convert(jwt(Map.of("sub", "sam", "roles", List.of("staff"))));

        assertThat(Caller.of(sam).mayRead("grace")).isTrue();
    }

    @Test
    void machineClientGetsItsScopesAndNoRoles() {
        Authentication payment = DEFAULTS.convert(jwt(Map.of("sub", "payment-service", "scope", "orders.pay")));

        assertThat(payment.getName()).isEqualTo("payment-service");
        assertThat(authorities(payment)).containsExactly("SCOPE_orders.pay");
    }

    @Test
    void rolesAndCustomerIdComeFromConfiguredClaimsAlsoNestedOnes() {
        var keycloak = new CallerAuthorities(new NotificationsProperties.Security("customer_id", "realm_access.roles"));

        Authentication caller = keycloak.convert(jwt(Map.of(
                "sub", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
                "customer_id", "c-42",
                "realm_access", Map.of("roles", List.of("customer", "offline_access")))));

        assertThat(caller.getName()).isEqualTo("c-42");
        assertThat(authorities(caller)).containsExactlyInAnyOrder("ROLE_customer", "ROLE_offline_access");
    }

    @Test
    void rolesMayBeOneSpaceSeparatedString() {
        Authentication olga = DEFAULTS.convert(jwt(Map.of("sub", "olga", "roles", "operator viewer")));

        assertThat(authorities(olga)).containsExactly("ROLE_operator", "ROLE_viewer");
    }

    @Test
    void callerWithoutTheCustomerIdClaimIsNamedByTheSubject() {
        var byCustomerId = new CallerAuthorities(new NotificationsProperties.Security("customer_id", "roles"));

        assertThat(byCustomerId.convert(jwt(Map.of("sub", "warehouse"))).getName())
                .isEqualTo("warehouse");
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Instant now = Instant.now();
        return Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .claims(all -> all.putAll(claims))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(60))
                .build();
    }

    private static List<String> authorities(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }
}
