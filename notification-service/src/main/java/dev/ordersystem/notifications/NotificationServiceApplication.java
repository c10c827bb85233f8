package dev.ordersystem.notifications;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Notification service: consumes order events from Kafka, idempotently, and turns each into a customer notification
 * that is mailed over SMTP and shown in an in-app feed (REST and server-sent events).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }

    /** The JVM's clock, for what is stamped in Java; times stored in the database come from the database clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
