package dev.ordersystem.notifications.security;

import static dev.ordersystem.notifications.security.Roles.CUSTOMER;
import static dev.ordersystem.notifications.security.Roles.OPERATOR;
import static dev.ordersystem.notifications.security.Roles.STAFF;
import static dev.ordersystem.notifications.security.Roles.VIEWER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.web.BearerTokenSettings;
import dev.ordersystem.web.ProblemTypes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization matrix of the README, enforced on every request: bearer JWTs only (validated by Spring Security's
 * resource server against the configured issuer: signature by a key of its JWKS, {@code iss}, {@code exp}),
 * stateless, no sessions, no CSRF (no cookies are used), deny by default. A customer reaching another customer's feed
 * or notification is answered by the feed itself (404, as if it did not exist). No or a bad token gives 401, a valid
 * token without the role 403, both as problem+json and with the {@code WWW-Authenticate} header that Spring's bearer
 * token entry point and access-denied handler compute.
 */
@Configuration(proxyBeanMethods = false)
@Import(BearerTokenSettings.class)
class SecurityConfiguration {

    /** Liveness and readiness: for orchestrators, which carry no token. */
    private static final String[] PROBES = {"/actuator/health/liveness", "/actuator/health/readiness"};

    private static final String[] API_DOCS = {
        "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"
    };

    private static final Problem UNAUTHORIZED = new Problem(
            HttpStatus.UNAUTHORIZED,
            "unauthorized",
            "Authentication required",
            "A valid bearer token of the trusted issuer is required");

    private static final Problem FORBIDDEN = new Problem(
            HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "The token's roles and scopes do not allow this request");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper json, NotificationsProperties properties)
            throws Exception {
        var bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
        var bearerAccessDenied = new BearerTokenAccessDeniedHandler();
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            bearerEntryPoint.commence(request, response, exception);
            UNAUTHORIZED.write(json, request, response);
        };
        AccessDeniedHandler forbidden = (request, response, exception) -> {
            bearerAccessDenied.handle(request, response, exception);
            FORBIDDEN.write(json, request, response);
        };
        http.authorizeHttpRequests(requests -> requests
                        // an SSE stream's or an error's second dispatch: the request itself was authorized
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(GET, PROBES)
                        .permitAll()
                        .requestMatchers(GET, API_DOCS)
                        .permitAll()
                        .requestMatchers(
                                GET,
                                "/customers/*/notifications",
                                "/customers/*/notifications/stream",
                                "/notifications/*")
                        .hasAnyRole(CUSTOMER, STAFF)
                        .requestMatchers(GET, "/ops/consumer-lag", "/ops/dead-letters", "/ops/orders/*/journey")
                        .hasAnyRole(OPERATOR, VIEWER)
                        .requestMatchers(POST, "/ops/dead-letters/**")
                        .hasRole(OPERATOR)
                        .requestMatchers(GET, "/actuator", "/actuator/**")
                        .hasAnyRole(OPERATOR, VIEWER)
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(server -> server.jwt(
                                jwt -> jwt.jwtAuthenticationConverter(new CallerAuthorities(properties.security())))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** Runs before any other bean is created, so a refused start touches nothing. */
    @Bean
    static BeanFactoryPostProcessor demoCredentialsCheck(Environment environment) {
        return beanFactory -> DemoCredentials.refuseOutsideDemo(environment);
    }

    /** A problem body, written after Spring's bearer handler has set the status and {@code WWW-Authenticate}. */
    private record Problem(HttpStatus status, String type, String title, String detail) {

        void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", ProblemTypes.type(type).toString());
            problem.put("title", title);
            problem.put("status", status.value());
            problem.put("detail", detail);
            problem.put("instance", request.getRequestURI());
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        }
    }
}
