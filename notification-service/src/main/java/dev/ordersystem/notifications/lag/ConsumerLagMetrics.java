package dev.ordersystem.notifications.lag;

import dev.ordersystem.notifications.NotificationsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The numbers of {@link ConsumerLagReport} as gauges, tagged {@code topic}, {@code partition} and {@code group}:
 * {@code notifications.consumer.lag}, {@code notifications.consumer.log.end.offset},
 * {@code notifications.consumer.committed.offset} (NaN without a commit), and {@code notifications.consumer.group.lag}.
 * Refreshed every {@code notifications.lag.refresh-interval} and whenever the lag endpoint is called.
 */
@Component
public class ConsumerLagMetrics implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final ConsumerLagMonitor monitor;
    private final MeterRegistry meters;
    private final NotificationsProperties.Lag settings;
    private final Map<String, PartitionGauges> partitions = new ConcurrentHashMap<>();
    private volatile double totalLag = Double.NaN;

    ConsumerLagMetrics(ConsumerLagMonitor monitor, MeterRegistry meters, NotificationsProperties properties) {
        this.monitor = monitor;
        this.meters = meters;
        this.settings = properties.lag();
        Gauge.builder("notifications.consumer.group.lag", this, metrics -> metrics.totalLag)
                .description("Records the consumer group has yet to process, over all partitions")
                .tag("group", properties.groupId())
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::refresh, settings.refreshInterval());
    }

    void refresh() {
        try {
            record(monitor.measure());
        } catch (LagUnavailableException e) {
            log.debug("Consumer lag not refreshed: {}", e.getMessage());
        }
    }

    /** Takes over the numbers of a report. */
    public void record(ConsumerLagReport report) {
        for (PartitionLag lag : report.partitions()) {
            PartitionGauges gauges = partitions.computeIfAbsent(
                    lag.topic() + "-" + lag.partition(),
                    key -> new PartitionGauges(
                            meters,
                            Tags.of(
                                    "topic",
                                    lag.topic(),
                                    "partition",
                                    Integer.toString(lag.partition()),
                                    "group",
                                    report.groupId())));
            gauges.lag = lag.lag();
            gauges.logEnd = lag.logEndOffset();
            gauges.committed = lag.committedOffset() == null ? Double.NaN : lag.committedOffset();
        }
        totalLag = report.totalLag();
    }

    private static final class PartitionGauges {

        volatile double lag = Double.NaN;
        volatile double logEnd = Double.NaN;
        volatile double committed = Double.NaN;

        PartitionGauges(MeterRegistry meters, Tags tags) {
            Gauge.builder("notifications.consumer.lag", this, g -> g.lag)
                    .description("Records of the partition the consumer group has yet to process")
                    .tags(tags)
                    .register(meters);
            Gauge.builder("notifications.consumer.log.end.offset", this, g -> g.logEnd)
                    .description("Last stable offset of the partition")
                    .tags(tags)
                    .register(meters);
            Gauge.builder("notifications.consumer.committed.offset", this, g -> g.committed)
                    .description("Offset the consumer group committed for the partition")
                    .tags(tags)
                    .register(meters);
        }
    }
}
