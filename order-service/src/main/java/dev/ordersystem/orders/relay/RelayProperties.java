package dev.ordersystem.orders.relay;

import dev.ordersystem.events.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the outbox relay, prefix {@code orders.relay}. PostgreSQL is reached through {@code
 * spring.datasource.*}. Durations that pace the relay must be positive.
 *
 * @param enabled whether this instance takes part in the relay at all (as leader or standby)
 * @param bootstrapServers the Kafka brokers; {@code application.yaml} defaults it to {@code
 *     spring.kafka.bootstrap-servers}
 * @param topic the topic every outbox event is published to
 * @param partitions partitions of {@link #topic} when the relay creates it
 * @param replicationFactor replication factor of the topics the relay creates (events and offsets)
 * @param minInsyncReplicas {@code min.insync.replicas} of {@link #topic} when the relay creates it
 * @param slotName the logical replication slot (one per relay, shared by all instances)
 * @param publicationName the publication that covers only the outbox table
 * @param offsetsTopic compacted topic that holds the engine's offsets (the WAL position already on Kafka)
 * @param pollInterval how long the engine waits for more changes before handing a batch over
 * @param maxBatchSize most changes handed over in one batch
 * @param maxQueueSize most changes buffered between the WAL reader and the publisher
 * @param offsetFlushInterval how often acknowledged positions are written to {@link #offsetsTopic} and confirmed to
 *     the replication slot; bounds what a crash replays
 * @param heartbeatInterval how often the relay writes a logical message into the WAL and confirms it, so the slot
 *     moves on while the outbox is idle
 * @param leaderPollInterval how often a standby tries to take the lease (and at the latest when the current lease
 *     expires); a dead leader is replaced within {@link #leaseTtl} plus this plus the engine start
 * @param leaderCheckInterval how often the leader renews its lease
 * @param leaseTtl how long a lease lasts after its last renewal, on the database's clock; a leader that could not renew
 *     it for half of this stops publishing (fences itself), so a standby, which takes over only after the expiry, never
 *     publishes at the same time
 * @param restartBackoff how long to wait before restarting after a failure
 * @param deliveryTimeout how long one record may wait for Kafka's acknowledgement before the batch fails and the
 *     engine restarts from the last acknowledged position
 * @param lingerTime producer {@code linger.ms}
 * @param outboxRetention minimum age of the outbox rows the leader deletes; only rows the replication slot has
 *     confirmed as published are deleted, however old
 * @param retentionBatchSize rows deleted per statement by the retention job
 * @param retentionInterval how often the retention job runs
 * @param instanceId name of this instance in the lease, health and status; default {@code hostname-pid}
 * @param kafka extra Kafka client properties for the producer, admin client and offset store (e.g. security)
 * @param topicConfig extra topic configs of {@link #topic} when the relay creates it, e.g. {@code segment.bytes} (the
 *     demo's small segments roll visibly in the ops console)
 */
@ConfigurationProperties("orders.relay")
@Validated
public record RelayProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("localhost:9092") @NotBlank String bootstrapServers,
        @DefaultValue(Topics.ORDER_EVENTS) @NotBlank String topic,
        @DefaultValue("6") @Min(1) @Max(10_000) int partitions,
        @DefaultValue("1") @Min(1) @Max(32) short replicationFactor,
        @DefaultValue("1") @Min(1) @Max(32) int minInsyncReplicas,

        @DefaultValue("order_outbox_relay") @Pattern(regexp = "[a-z0-9_]{1,63}")
        String slotName,

        @DefaultValue("order_outbox_publication") @Pattern(regexp = "[a-z0-9_]{1,63}")
        String publicationName,

        @DefaultValue(Topics.RELAY_OFFSETS) @NotBlank String offsetsTopic,

        @DefaultValue("PT0.02S") @PositiveDuration("orders.relay.poll-interval")
        Duration pollInterval,

        @DefaultValue("2048") @Min(1) int maxBatchSize,
        @DefaultValue("8192") @Min(2) int maxQueueSize,

        @DefaultValue("PT1S") @PositiveDuration("orders.relay.offset-flush-interval")
        Duration offsetFlushInterval,

        @DefaultValue("PT10S") @PositiveDuration("orders.relay.heartbeat-interval")
        Duration heartbeatInterval,

        @DefaultValue("PT2S") @PositiveDuration("orders.relay.leader-poll-interval")
        Duration leaderPollInterval,

        @DefaultValue("PT1S") @PositiveDuration("orders.relay.leader-check-interval")
        Duration leaderCheckInterval,

        @DefaultValue("PT10S") @PositiveDuration("orders.relay.lease-ttl")
        Duration leaseTtl,

        @Valid @DefaultValue Backoff restartBackoff,

        @DefaultValue("PT2M") @PositiveDuration("orders.relay.delivery-timeout")
        Duration deliveryTimeout,

        @DefaultValue("PT0.001S") @NotNull Duration lingerTime,

        @DefaultValue("PT1H") @PositiveDuration("orders.relay.outbox-retention")
        Duration outboxRetention,

        @DefaultValue("1000") @Min(1) int retentionBatchSize,

        @DefaultValue("PT1M") @PositiveDuration("orders.relay.retention-interval")
        Duration retentionInterval,

        @Nullable String instanceId,
        @DefaultValue Map<String, String> kafka,
        @DefaultValue Map<String, String> topicConfig) {

    public RelayProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = defaultInstanceId();
        }
        kafka = Map.copyOf(kafka);
        topicConfig = Map.copyOf(topicConfig);
    }

    @AssertTrue(message = "orders.relay.max-queue-size must be larger than orders.relay.max-batch-size")
    boolean isQueueLargerThanBatch() {
        return maxQueueSize > maxBatchSize;
    }

    @AssertTrue(message = "orders.relay.leader-check-interval must be shorter than half of orders.relay.lease-ttl")
    boolean isLeaseRenewedWithinItsFencingTime() {
        return leaderCheckInterval == null
                || leaseTtl == null
                || leaderCheckInterval.multipliedBy(2).compareTo(leaseTtl) < 0;
    }

    /**
     * How long the leader may go without a successful renewal of its lease before it stops publishing: half of {@link
     * #leaseTtl}, counted on its own monotonic clock from the start of the last successful renewal.
     */
    public Duration fencingTime() {
        return leaseTtl.dividedBy(2);
    }

    /** The instance id, never blank. */
    @Override
    public String instanceId() {
        return instanceId == null ? defaultInstanceId() : instanceId;
    }

    /**
     * Exponential backoff between restarts after a failure: {@code initial}, then times {@code multiplier} per
     * consecutive failure, never more than {@code max}. A batch relayed after a restart resets it.
     */
    public record Backoff(
            @DefaultValue("PT1S") @PositiveDuration("orders.relay.restart-backoff.initial")
            Duration initial,

            @DefaultValue("PT30S") @NotNull Duration max,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier) {

        @AssertTrue(message = "orders.relay.restart-backoff.max must not be below orders.relay.restart-backoff.initial")
        boolean isMaxNotBelowInitial() {
            return max == null || initial == null || max.compareTo(initial) >= 0;
        }

        /** Delay before the restart that follows the {@code failures}-th consecutive failure (1-based). */
        public Duration delayAfter(int failures) {
            double factor = Math.pow(multiplier, Math.max(0, failures - 1));
            double millis = Math.min(initial.toMillis() * factor, max.toMillis());
            return Duration.ofMillis((long) millis);
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
