package dev.ordersystem.notifications.web;

import dev.ordersystem.notifications.Problems;
import dev.ordersystem.web.ServerErrors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The errors that no handler sees (Tomcat's refusals, a filter's {@code sendError}) answered with this service's problems. */
@Configuration(proxyBeanMethods = false)
class ServerErrorsConfiguration {

    @Bean
    ServerErrors serverErrors() {
        return new ServerErrors(Problems::forStatus);
    }
}
