package dev.ordersystem.orders.security;

import static dev.ordersystem.orders.security.Caller.CUSTOMER;
import static dev.ordersystem.orders.security.Caller.OPERATOR;
import static dev.ordersystem.orders.security.Caller.STAFF;
import static dev.ordersystem.orders.security.Caller.VIEWER;

import dev.ordersystem.web.BearerTokenSettings;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.DelegatingJwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The authorization matrix of the order service (README, "Security"): stateless bearer-token authentication against
 * the configured issuer, one rule per endpoint, everything else denied. Which orders a customer may reach is decided
 * by the order API itself, with the {@link Caller}.
 */
@Configuration(proxyBeanMethods = false)
@Import(BearerTokenSettings.class)
class SecurityConfiguration {

    /** The payment client's scope: may pay orders. */
    static final String PAY = "SCOPE_orders.pay";

    /** The warehouse client's scope: may ship orders. */
    static final String SHIP = "SCOPE_orders.ship";

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, JwtAuthenticationConverter jwtAuthenticationConverter, BearerProblems problems)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // public: probes, the API documentation and Swagger UI
                        .requestMatchers(HttpMethod.GET, "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET,
                                "/v3/api-docs",
                                "/v3/api-docs.yaml",
                                "/v3/api-docs/**",
                                "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/swagger-ui/**")
                        .permitAll()
                        // the order API; ownership is checked by the API
                        .requestMatchers(HttpMethod.POST, "/orders", "/orders/*/cancel")
                        .hasAnyRole(CUSTOMER, STAFF)
                        .requestMatchers(HttpMethod.GET, "/orders", "/orders/*")
                        .hasAnyRole(CUSTOMER, STAFF)
                        .requestMatchers(HttpMethod.POST, "/orders/*/pay")
                        .hasAuthority(PAY)
                        .requestMatchers(HttpMethod.POST, "/orders/*/ship")
                        .hasAuthority(SHIP)
                        // operations: the journey of an order, health details, info, metrics, relay status
                        .requestMatchers(HttpMethod.GET, "/ops/orders/*/journey")
                        .hasAnyRole(OPERATOR, VIEWER)
                        .requestMatchers(HttpMethod.GET, "/actuator", "/actuator/**")
                        .hasAnyRole(OPERATOR, VIEWER)
                        // an error raised while serving an allowed request may be rendered
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** Authorities {@code SCOPE_<scope>} from {@code scope}/{@code scp} and {@code ROLE_<role>} from the roles claim. */
    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter(TokenClaims claims) {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new DelegatingJwtGrantedAuthoritiesConverter(
                new JwtGrantedAuthoritiesConverter(), claims::roleAuthorities));
        return converter;
    }

    @Bean
    BearerProblems bearerProblems() {
        return new BearerProblems();
    }

    @Bean
    WebMvcConfigurer callerParameters(TokenClaims claims) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver(claims));
            }
        };
    }
}
