package dev.ordersystem.orders.web;

import dev.ordersystem.web.ServerErrors;
import dev.ordersystem.web.StrictJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The shared web pieces this service uses: request bodies read strictly ({@link StrictJson}), and the errors no
 * handler sees answered with this service's problems ({@link ServerErrors}).
 */
@Configuration(proxyBeanMethods = false)
@Import(StrictJson.class)
class WebConfiguration {

    @Bean
    ServerErrors serverErrors() {
        return new ServerErrors(Problems::forStatus);
    }
}
