package dev.ordersystem.notifications.kafka;

import dev.ordersystem.notifications.NotificationsProperties;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The {@code kafka} health component: UP when the cluster answers {@code describeCluster} within
 * {@code notifications.kafka-timeout}; the details name the cluster, its brokers and the state of this instance's
 * listener containers.
 */
@Component("kafkaHealthIndicator")
record KafkaHealthIndicator(Admin admin, KafkaListenerEndpointRegistry listeners, NotificationsProperties properties)
        implements HealthIndicator {

    @Override
    public Health health() {
        Map<String, String> containers = new LinkedHashMap<>();
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            containers.put(container.getListenerId(), state(container));
        }
        int timeoutMs = (int) properties.kafkaTimeout().toMillis();
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
            String clusterId = cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            Collection<Node> nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            return Health.up()
                    .withDetail("clusterId", clusterId)
                    .withDetail("brokers", nodes.size())
                    .withDetail("listeners", containers)
                    .build();
        } catch (ExecutionException | TimeoutException e) {
            return Health.down()
                    .withDetail(
                            "error",
                            e.getCause() == null ? e.toString() : e.getCause().toString())
                    .withDetail("listeners", containers)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    private static String state(MessageListenerContainer container) {
        if (!container.isRunning()) {
            return "stopped";
        }
        return container.isPauseRequested() ? "paused" : "running";
    }
}
