package dev.ordersystem.orders.outbox;

import dev.ordersystem.events.OrderEventJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OrderEventJson orderEventJson() {
        return new OrderEventJson();
    }
}
