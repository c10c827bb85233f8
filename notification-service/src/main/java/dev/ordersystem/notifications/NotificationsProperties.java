package dev.ordersystem.notifications;

import dev.ordersystem.events.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the notification service, prefix {@code notifications}.
 *
 * @param topic the topic of order events that is consumed
 * @param topicReplicationFactor replication factor of the dead-letter topic, which this service creates (with as many
 *     partitions as {@code topic}, which its producer creates)
 * @param topicMinInsyncReplicas {@code min.insync.replicas} of the dead-letter topic
 * @param deadLetterTopic where records go that failed for good
 * @param groupId the Kafka consumer group
 * @param concurrency consumers (threads) of this instance; more than the topic has partitions stay idle
 * @param kafkaTimeout bound of every admin call (lag, health, dead-letter reads)
 * @param retry retries of a record whose processing failed
 * @param email the SMTP channel
 * @param feed the in-app feed and its event stream
 * @param lag consumer-lag gauges
 * @param security how access tokens name the caller and their roles
 */
@ConfigurationProperties("notifications")
@Validated
public record NotificationsProperties(
        @DefaultValue(Topics.ORDER_EVENTS) @NotBlank String topic,
        @DefaultValue("1") @Min(1) @Max(32) short topicReplicationFactor,
        @DefaultValue("1") @Min(1) @Max(32) int topicMinInsyncReplicas,

        @DefaultValue(Topics.ORDER_EVENTS_DEAD_LETTERS) @NotBlank
        String deadLetterTopic,

        @DefaultValue("notification-service") @NotBlank String groupId,
        @DefaultValue("3") @Min(1) @Max(100) int concurrency,
        @DefaultValue("PT5S") @NotNull Duration kafkaTimeout,
        @Valid @DefaultValue Retry retry,
        @Valid @DefaultValue Email email,
        @Valid @DefaultValue Feed feed,
        @Valid @DefaultValue Lag lag,
        @Valid @DefaultValue Security security) {

    /**
     * Exponential backoff of the listener's error handler, in place (the consumer thread waits, then the record is
     * tried again). A transient failure (the database or Kafka cannot be reached, a serialization failure or deadlock)
     * is retried without limit, never dead-lettered; any other failure (except a malformed record, dead-lettered at
     * once) is retried {@code maxRetries} times, then dead-lettered. {@code maxInterval} bounds the wait well below
     * {@code max.poll.interval.ms} (5 minutes), so a retried record never costs the consumer its group membership.
     *
     * @param maxRetries retries after the first attempt of a record failing with anything but a transient error
     * @param initialInterval wait before the first retry
     * @param multiplier factor between two waits
     * @param maxInterval longest wait
     */
    public record Retry(
            @DefaultValue("4") @Min(0) @Max(100) int maxRetries,
            @DefaultValue("PT1S") @NotNull Duration initialInterval,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,

            @DefaultValue("PT10S") @NotNull @DurationMax(minutes = 1)
            Duration maxInterval) {}

    /**
     * @param enabled whether this instance sends mail; when false deliveries stay PENDING for another instance
     * @param from the sender, e.g. {@code Order System <notifications@ordersystem.dev>}
     * @param pollInterval pause between two runs of the sender
     * @param batchSize most deliveries one run claims
     * @param maxAttempts attempts before a delivery is marked FAILED
     * @param initialBackoff wait after the first failed attempt
     * @param backoffMultiplier factor between two waits
     * @param maxBackoff longest wait
     * @param claimLease how long a claimed delivery is hidden from other instances; must exceed the time one batch
     *     takes to send
     */
    public record Email(
            @DefaultValue("true") boolean enabled,

            @DefaultValue("Order System <notifications@ordersystem.dev>") @NotBlank
            String from,

            @DefaultValue("PT2S") @NotNull Duration pollInterval,
            @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
            @DefaultValue("8") @Min(1) @Max(1000) int maxAttempts,
            @DefaultValue("PT10S") @NotNull Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double backoffMultiplier,
            @DefaultValue("PT15M") @NotNull Duration maxBackoff,
            @DefaultValue("PT2M") @NotNull Duration claimLease) {}

    /**
     * @param defaultPageSize page size when {@code size} is not given
     * @param maxPageSize largest accepted {@code size}
     * @param streamPollInterval how often the database is asked for the notifications committed since the last poll,
     *     to push them to the open streams
     * @param streamTimeout how long one stream stays open; clients reconnect with {@code Last-Event-ID}
     * @param streamHeartbeat interval of comment lines that keep idle streams (and proxies) alive
     * @param maxStreamsPerCustomer open streams of one customer on this instance; more are refused with 429
     * @param maxStreams open streams on this instance; more are refused with 503
     * @param streamQueueCapacity notifications waiting to be written to one stream; a stream whose reader falls this
     *     far behind is ended (it reconnects with {@code Last-Event-ID})
     */
    public record Feed(
            @DefaultValue("20") @Min(1) int defaultPageSize,
            @DefaultValue("100") @Min(1) @Max(1000) int maxPageSize,
            @DefaultValue("PT0.5S") @NotNull Duration streamPollInterval,
            @DefaultValue("PT30M") @NotNull Duration streamTimeout,
            @DefaultValue("PT15S") @NotNull Duration streamHeartbeat,
            @DefaultValue("5") @Min(1) @Max(100) int maxStreamsPerCustomer,
            @DefaultValue("1000") @Min(1) @Max(10000) int maxStreams,
            @DefaultValue("500") @Min(1) @Max(100000) int streamQueueCapacity) {}

    /** @param refreshInterval how often the lag gauges are measured */
    public record Lag(@DefaultValue("PT10S") @NotNull Duration refreshInterval) {}

    /**
     * The claims of the access tokens that this service reads; the token itself is checked by Spring Security's
     * resource server ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}).
     *
     * @param customerIdClaim the customer id of a customer's token (and the name of any caller)
     * @param rolesClaim the caller's roles ({@code customer}, {@code staff}, {@code operator}, {@code viewer}), a JSON
     *     array or a space-separated string; a dotted path reads a nested claim, e.g. {@code realm_access.roles}
     *     (Keycloak). Each becomes the authority {@code ROLE_<role>}; the scopes of {@code scope} become
     *     {@code SCOPE_<scope>}
     */
    public record Security(
            @DefaultValue("sub") @NotBlank String customerIdClaim,
            @DefaultValue("roles") @NotBlank String rolesClaim) {}
}
