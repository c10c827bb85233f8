package dev.ordersystem.console.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * OAuth2 login against the authorization server (client {@code ops-console}); the user's {@code roles} claim (ID
 * token) becomes {@code ROLE_<role>} authorities. Only operators and viewers get in; re-driving a dead letter needs
 * {@code operator} (and the service checks it again). The health probes are open. The session cookie has its own name
 * ({@code OPS_CONSOLE_SESSION}, application.yaml): the authorization server on the same host keeps its
 * {@code JSESSIONID}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String OPERATOR = "operator";
    static final String VIEWER = "viewer";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health/**", "/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/dead-letters/**")
                        .hasRole(OPERATOR)
                        .anyRequest()
                        .hasAnyRole(OPERATOR, VIEWER))
                .oauth2Login(Customizer.withDefaults())
                .oauth2Client(Customizer.withDefaults())
                .logout(logout -> logout.logoutSuccessUrl("/"));
        return http.build();
    }

    /** The ID token's {@code roles} claim as {@code ROLE_<role>} authorities, next to the default ones. */
    @Bean
    GrantedAuthoritiesMapper rolesFromIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    roles(oidc.getIdToken().getClaim("roles"))
                            .forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
                }
            }
            return mapped;
        };
    }

    private static List<String> roles(Object claim) {
        return claim instanceof Collection<?> roles
                ? roles.stream().map(String::valueOf).toList()
                : List.of();
    }
}
