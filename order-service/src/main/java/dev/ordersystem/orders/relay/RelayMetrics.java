package dev.ordersystem.orders.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's meters:
 *
 * <ul>
 *   <li>{@code orders.relay.events}: events acknowledged by Kafka on this instance;
 *   <li>{@code orders.relay.lag}: time from the commit of an event's transaction to Kafka's acknowledgement (with
 *       p50, p95, p99 and p999);
 *   <li>{@code orders.relay.slot.retained.wal}: bytes of WAL the replication slot keeps ({@code restart_lsn} to the
 *       current WAL position), the same on every instance;
 *   <li>{@code orders.relay.leader}: 1 while this instance holds the lease;
 *   <li>{@code orders.relay.epoch}: the epoch of the lease this instance holds (0 when it does not lead), and {@code
 *       orders.relay.epoch.events}: the events acknowledged under the current (or last) epoch of this instance. With
 *       {@code orders.relay.events} on every instance they show which leader published what.
 * </ul>
 */
public final class RelayMetrics {

    private static final Logger log = LoggerFactory.getLogger(RelayMetrics.class);
    private static final long SLOT_CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Counter events;
    private final Timer lag;
    private final SlotInspector slots;
    private volatile double retainedWal = Double.NaN;
    private volatile long retainedWalReadAt;

    RelayMetrics(MeterRegistry registry, RelayState state, SlotInspector slots) {
        this.slots = slots;
        this.events = Counter.builder("orders.relay.events")
                .description("Outbox events published to Kafka and acknowledged")
                .register(registry);
        this.lag = Timer.builder("orders.relay.lag")
                .description("From the commit of the outbox row to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.95, 0.99, 0.999)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .distributionStatisticBufferLength(2)
                .register(registry);
        Gauge.builder("orders.relay.slot.retained.wal", this, RelayMetrics::retainedWalBytes)
                .description("WAL retained by the relay's replication slot (restart_lsn to the current WAL position)")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("orders.relay.leader", state, s -> s.role() == RelayState.Role.LEADER ? 1 : 0)
                .description("1 while this instance holds the relay lease and runs the engine")
                .register(registry);
        Gauge.builder("orders.relay.epoch", state, RelayState::leaderEpoch)
                .description("Epoch of the relay lease this instance holds; 0 when it does not lead")
                .register(registry);
        Gauge.builder("orders.relay.epoch.events", state, RelayState::eventsRelayedInEpoch)
                .description("Events acknowledged by Kafka under the current (or last) lease epoch of this instance")
                .register(registry);
    }

    void eventAcknowledged(@Nullable Duration commitToAck) {
        events.increment();
        if (commitToAck != null && !commitToAck.isNegative()) {
            lag.record(commitToAck);
        }
    }

    /** The commit-to-ack timer, e.g. for a benchmark to print its percentiles. */
    public Timer lag() {
        return lag;
    }

    private double retainedWalBytes() {
        long now = System.nanoTime();
        if (now - retainedWalReadAt > SLOT_CACHE_NANOS) {
            retainedWalReadAt = now;
            try {
                Long bytes =
                        slots.slot().map(SlotInspector.Slot::retainedWalBytes).orElse(null);
                retainedWal = bytes == null ? Double.NaN : bytes.doubleValue();
            } catch (RuntimeException e) {
                log.debug("Could not read the replication slot", e);
                retainedWal = Double.NaN;
            }
        }
        return retainedWal;
    }
}
