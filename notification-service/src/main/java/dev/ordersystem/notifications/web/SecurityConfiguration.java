package dev.ordersystem.notifications.web;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic for the operator endpoints, with the two accounts of {@code notifications.ops.*}: listing dead letters
 * needs role VIEWER, re-driving them role OPERATOR (the operator has both). No credentials or wrong ones give 401, a
 * viewer re-driving gets 403, both as problem+json. Everything else is open: the feed (in production it sits behind
 * the gateway that authenticates customers), {@code /ops/consumer-lag} (offsets only, like the Prometheus endpoint),
 * Actuator and the OpenAPI document. Stateless, no sessions, no CSRF (no cookies are used).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String OPERATOR = "OPERATOR";
    static final String VIEWER = "VIEWER";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final Pattern ENCODED = Pattern.compile("^\\{[^}]+}.*");
    private static final String REALM = "notification-service operations";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> write(
                json,
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                "Authentication required",
                "Valid operator credentials (HTTP Basic) are required");
        AccessDeniedHandler forbidden = (request, response, e) -> write(
                json,
                request,
                response,
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Forbidden",
                "This account may not do this; re-driving dead letters needs role " + OPERATOR);
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.GET, "/ops/dead-letters", "/ops/dead-letters/**")
                        .hasAnyRole(VIEWER, OPERATOR)
                        .requestMatchers("/ops/dead-letters", "/ops/dead-letters/**")
                        .hasRole(OPERATOR)
                        .anyRequest()
                        .permitAll())
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    UserDetailsService operatorAccounts(NotificationsProperties properties) {
        NotificationsProperties.Ops ops = properties.ops();
        if (ops.operatorPassword().equals("operator-secret")
                || ops.viewerPassword().equals("viewer-secret")) {
            log.warn("The operator endpoints use the built-in local-development passwords; set"
                    + " notifications.ops.operator-password and notifications.ops.viewer-password");
        }
        return new InMemoryUserDetailsManager(
                User.withUsername(ops.operatorUsername())
                        .password(encoded(ops.operatorPassword()))
                        .roles(OPERATOR, VIEWER)
                        .build(),
                User.withUsername(ops.viewerUsername())
                        .password(encoded(ops.viewerPassword()))
                        .roles(VIEWER)
                        .build());
    }

    /** Accepts encoded passwords (<code>{bcrypt}...</code>) and plain ones. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static String encoded(String password) {
        return ENCODED.matcher(password).matches() ? password : "{noop}" + password;
    }

    private static void write(
            JsonMapper json,
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String type,
            String title,
            String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.type(type).toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
