package dev.ordersystem.notifications.kafka;

import dev.ordersystem.notifications.NotificationsProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Before the listener starts: creates the consumed topic if it is missing (with {@code notifications.topic-partitions}
 * partitions and the broker's default replication factor) and the dead-letter topic with as many partitions as the
 * consumed one. Existing topics are never changed: adding partitions to a keyed topic would break per-order ordering.
 * If Kafka cannot be reached the service starts anyway; the consumer waits for the topic.
 */
class TopicsInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TopicsInitializer.class);

    private final Admin admin;
    private final NotificationsProperties properties;

    TopicsInitializer(Admin admin, NotificationsProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            createMissingTopics();
        } catch (TimeoutException | ExecutionException e) {
            log.warn(
                    "Could not check or create the topics {} and {} ({}); the consumer will wait for them",
                    properties.topic(),
                    properties.deadLetterTopic(),
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void createMissingTopics() throws ExecutionException, InterruptedException, TimeoutException {
        long timeoutMs = properties.kafkaTimeout().toMillis();
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        int partitions = properties.topicPartitions();
        List<NewTopic> missing = new ArrayList<>();
        if (existing.contains(properties.topic())) {
            Map<String, TopicDescription> described = admin.describeTopics(List.of(properties.topic()))
                    .allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
            partitions = described.get(properties.topic()).partitions().size();
        } else {
            missing.add(newTopic(properties.topic(), partitions));
        }
        if (!existing.contains(properties.deadLetterTopic())) {
            missing.add(newTopic(properties.deadLetterTopic(), partitions));
        }
        if (missing.isEmpty()) {
            return;
        }
        for (Map.Entry<String, KafkaFuture<Void>> created :
                admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                log.info("Created topic {} with {} partitions", created.getKey(), partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                } // another instance was faster
            }
        }
    }

    private NewTopic newTopic(String name, int partitions) {
        return new NewTopic(name, Optional.of(partitions), Optional.of(properties.topicReplicationFactor()))
                .configs(Map.of("min.insync.replicas", Integer.toString(properties.topicMinInsyncReplicas())));
    }
}
