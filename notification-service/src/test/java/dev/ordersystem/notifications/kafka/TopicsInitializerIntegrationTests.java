package dev.ordersystem.notifications.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.localstack.junit.UseLocalStack;
import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.support.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The dead-letter topic against the local stack's broker, with topic names of its own (no Spring context). */
@UseLocalStack(database = "notifications")
class TopicsInitializerIntegrationTests {

    private final String topic = "topics-test-" + UUID.randomUUID();
    private final String deadLetterTopic = topic + "-dlt";
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private Admin admin;
    private TopicsInitializer initializer;

    @BeforeEach
    void start() {
        scheduler.initialize();
        admin = TestKafka.admin();
        NotificationsProperties properties = new Binder(new MapConfigurationPropertySource(
                        Map.of("notifications.topic", topic, "notifications.dead-letter-topic", deadLetterTopic)))
                .bindOrCreate("notifications", NotificationsProperties.class);
        initializer = new TopicsInitializer(admin, scheduler, properties);
    }

    @AfterEach
    void stop() throws Exception {
        initializer.destroy();
        scheduler.shutdown();
        admin.deleteTopics(List.of(topic, deadLetterTopic));
        admin.close();
    }

    @Test
    void createsTheDeadLetterTopicWithThePartitionsOfTheConsumedTopicAndNeverTheConsumedTopic() throws Exception {
        createTopic(topic, 3);

        initializer.afterSingletonsInstantiated();

        assertThat(topics()).contains(deadLetterTopic);
        assertThat(partitions(deadLetterTopic)).isEqualTo(3);
        assertThat(partitions(topic)).isEqualTo(3);
    }

    @Test
    void waitsForTheConsumedTopicAndThenCreatesTheDeadLetterTopic() throws Exception {
        initializer.afterSingletonsInstantiated();

        assertThat(topics()).doesNotContain(topic, deadLetterTopic);

        createTopic(topic, 4);
        await().atMost(Duration.ofSeconds(30)).until(() -> topics().contains(deadLetterTopic));
        assertThat(partitions(deadLetterTopic)).isEqualTo(4);
    }

    @Test
    void leavesAnExistingDeadLetterTopicAsItIs() throws Exception {
        createTopic(topic, 4);
        createTopic(deadLetterTopic, 1);

        initializer.afterSingletonsInstantiated();

        assertThat(partitions(deadLetterTopic)).isEqualTo(1);
    }

    /** Creates the topic and waits until the broker shows it, as a topic created a while ago would be. */
    private void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                .all()
                .get(10, TimeUnit.SECONDS);
        partitions(name);
    }

    private Set<String> topics() throws Exception {
        return admin.listTopics().names().get(10, TimeUnit.SECONDS);
    }

    /** Waits until the broker knows the topic's partitions: a topic just created may not be described at once. */
    private int partitions(String name) {
        return await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(
                        () -> admin.describeTopics(List.of(name))
                                .allTopicNames()
                                .get(10, TimeUnit.SECONDS)
                                .get(name)
                                .partitions()
                                .size(),
                        size -> size > 0);
    }
}
