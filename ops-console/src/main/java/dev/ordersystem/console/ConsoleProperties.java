package dev.ordersystem.console;

import dev.ordersystem.events.Topics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the console, prefix {@code console}.
 *
 * @param bootstrapServers the Kafka cluster of {@link #topic}
 * @param topic the commit log it draws
 * @param group the console's own consumer group: it reads {@link #topic} from the end for the live event feed
 * @param refreshInterval how often the log, the groups and the chart are sampled and pushed to the browsers
 * @param history how much of the chart (events/s, lag) is kept
 * @param recentEvents how many events of the live feed a newly opened page gets
 * @param orderService the base URL of order-service (relay status, journeys)
 * @param notificationService the base URL of notification-service (dead letters, journeys)
 * @param traceUi the base URL of the trace UI: a trace is {@code <traceUi>/zipkin/traces/<traceId>}
 */
@ConfigurationProperties("console")
@Validated
public record ConsoleProperties(
        @DefaultValue("localhost:9092") @NotBlank String bootstrapServers,
        @DefaultValue(Topics.ORDER_EVENTS) @NotBlank String topic,
        @DefaultValue("ops-console") @NotBlank String group,
        @DefaultValue("PT1S") @NotNull Duration refreshInterval,
        @DefaultValue("PT5M") @NotNull Duration history,
        @DefaultValue("50") @Min(1) @Max(1000) int recentEvents,
        @DefaultValue("http://localhost:8080") @NotNull URI orderService,
        @DefaultValue("http://localhost:8081") @NotNull URI notificationService,
        @DefaultValue("http://localhost:9411") @NotNull URI traceUi) {}
