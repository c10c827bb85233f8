package dev.ordersystem.orders.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the relay's topics when they are missing: the events topic ({@code partitions}, {@code replication-factor},
 * {@code min.insync.replicas}, {@code topic-config}) and the compacted offsets topic (one partition). Existing topics are left as they are.
 */
final class RelayTopics {

    private static final Logger log = LoggerFactory.getLogger(RelayTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final RelayProperties relay;

    RelayTopics(RelayProperties relay) {
        this.relay = relay;
    }

    List<NewTopic> wanted() {
        Map<String, String> configs = new HashMap<>(relay.topicConfig());
        configs.put("min.insync.replicas", Integer.toString(relay.minInsyncReplicas()));
        NewTopic events = new NewTopic(relay.topic(), relay.partitions(), relay.replicationFactor()).configs(configs);
        NewTopic offsets = new NewTopic(relay.offsetsTopic(), 1, relay.replicationFactor())
                .configs(Map.of("cleanup.policy", "compact"));
        return List.of(events, offsets);
    }

    void ensure(Admin admin) throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted()) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    log.info("Created topic {}", created.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new RelayException("Could not create the relay's topics: " + cause.getMessage(), cause);
        }
    }
}
