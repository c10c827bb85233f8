package dev.ordersystem.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7: Kafka is a cluster of three broker processes; every topic of the system has replication factor 3 and
 * {@code min.insync.replicas=2}. One broker is killed with SIGKILL under load; nothing is lost or doubled.
 */
class ReplicatedClusterIntegrationTests extends E2eSuite {

    private static final String OFFSETS_TOPIC = Topics.RELAY_OFFSETS;
    private static final Map<String, String> MIN_ISR_2 = Map.of("min.insync.replicas", "2");

    @BeforeAll
    static void startSystem() throws Exception {
        system = E2eSystem.withCluster("replicated-cluster-suite", 3);
        // created up front with the settings this scenario is about (the notification service would create the
        // dead-letter topic with the broker defaults, the relay its topics with its own settings)
        system.admin()
                .createTopics(List.of(
                        new NewTopic(E2eSystem.TOPIC, 6, (short) 3).configs(MIN_ISR_2),
                        new NewTopic(E2eSystem.DEAD_LETTER_TOPIC, 6, (short) 3).configs(MIN_ISR_2),
                        new NewTopic(OFFSETS_TOPIC, 1, (short) 3)
                                .configs(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"))))
                .all()
                .get(60, TimeUnit.SECONDS);
        Map<String, String> replicated =
                Map.of("orders.relay.replication-factor", "3", "orders.relay.min-insync-replicas", "2");
        startServices(replicated, Map.of("notify-1", Map.of()));
    }

    @Test
    void killingOneOfThreeBrokersUnderLoadLosesNothing() throws Exception {
        try (Scenario scenario = system.scenario("replication")) {
            for (String topic : List.of(E2eSystem.TOPIC, E2eSystem.DEAD_LETTER_TOPIC, OFFSETS_TOPIC)) {
                TopicDescription description = describe(topic);
                assertThat(description.partitions())
                        .allSatisfy(p -> assertThat(p.replicas()).as(topic).hasSize(3));
                assertThat(minInsyncReplicas(topic)).as(topic).isEqualTo("2");
            }
            LoadGenerator load = scenario.load(api, 400, 4, 0);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> load.completed() >= 120);
            // the broker that leads the relay's offsets topic: the hardest one to lose, since the relay must move its
            // offset store as well as its event partitions (chosen, not left to where the leaders happen to be)
            int leaderId = describe(OFFSETS_TOPIC).partitions().get(0).leader().id();
            int index = leaderId - 1;
            long leading = describe(E2eSystem.TOPIC).partitions().stream()
                    .filter(p -> p.leader() != null && p.leader().id() == leaderId)
                    .count();
            scenario.step(
                    "SIGKILL Kafka broker %d (leader of %s and of %d of 6 event partitions) with %d orders placed",
                    leaderId, OFFSETS_TOPIC, leading, load.completed());
            system.cluster().kill(index);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        for (String topic : List.of(E2eSystem.TOPIC, OFFSETS_TOPIC)) {
                            for (TopicPartitionInfo partition : describe(topic).partitions()) {
                                assertThat(partition.leader()).isNotNull();
                                assertThat(partition.leader().id()).isNotEqualTo(leaderId);
                                assertThat(partition.isr()).hasSize(2);
                            }
                        }
                    });
            scenario.step(
                    "every partition of %s and %s has a new leader and 2 in-sync replicas",
                    E2eSystem.TOPIC, OFFSETS_TOPIC);
            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(3));
            scenario.extra("brokers", "3");
            scenario.extra("killed-broker", leaderId);
            scenario.extra("partitions-moved", leading);
            scenario.verify(orders);
        }
    }

    private static TopicDescription describe(String topic) throws Exception {
        return system.admin()
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic);
    }

    private static String minInsyncReplicas(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = system.admin()
                .describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
        return config.get("min.insync.replicas").value();
    }
}
