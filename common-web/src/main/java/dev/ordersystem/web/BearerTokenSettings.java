package dev.ordersystem.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What both resource servers do to keep authentication cheap per request (ADR 9), imported by their security
 * configurations: an access token is validated once and then remembered until it expires ({@link ValidatedTokens}),
 * and Spring Security records no observation (metric or span) per filter, authentication and authorization. The
 * request's trace keeps its HTTP server span, whose context the order service writes into the outbox.
 */
@Configuration(proxyBeanMethods = false)
public class BearerTokenSettings {

    @Bean
    static BeanPostProcessor validatedTokens() {
        return ValidatedTokens.wrapDecoders();
    }

    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
