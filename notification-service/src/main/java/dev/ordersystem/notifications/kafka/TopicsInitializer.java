package dev.ordersystem.notifications.kafka;

import dev.ordersystem.notifications.NotificationsProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.TaskScheduler;

/**
 * Creates the dead-letter topic, which this service produces to, with as many partitions as the consumed topic has
 * (and {@code notifications.topic-replication-factor}, {@code topic-min-insync-replicas}). The consumed topic is never
 * created here: its producer, order-service's relay, owns it; this service only checks that it exists. Existing topics
 * are never changed: adding partitions to a keyed topic would break per-order ordering.
 *
 * <p>The first check runs before the listener starts. If the consumed topic does not exist yet (order-service has not
 * started) or Kafka cannot be reached, the service starts anyway: the listener waits for the topic by itself, and this
 * check is repeated in the background, with a pause growing from 1 s to at most 30 s, until the dead-letter topic
 * exists.
 */
class TopicsInitializer implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TopicsInitializer.class);

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final Admin admin;
    private final TaskScheduler scheduler;
    private final NotificationsProperties properties;
    private volatile @Nullable ScheduledFuture<?> next;
    private volatile boolean stopped;

    TopicsInitializer(Admin admin, TaskScheduler scheduler, NotificationsProperties properties) {
        this.admin = admin;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        attempt(1, FIRST_PAUSE);
    }

    /** Stops checking again. */
    @Override
    public void destroy() {
        stopped = true;
        ScheduledFuture<?> scheduled = next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private void attempt(int attempt, Duration pause) {
        if (stopped) {
            return;
        }
        try {
            if (deadLetterTopicReady()) {
                return;
            }
            waiting(
                    attempt,
                    "Topic {} does not exist yet (order-service's relay creates it): the listener waits for it, and the"
                            + " dead-letter topic {} is created with as many partitions once it exists. Checking again"
                            + " in {} s",
                    properties.topic(),
                    properties.deadLetterTopic(),
                    pause.toSeconds());
        } catch (TimeoutException | ExecutionException e) {
            waiting(
                    attempt,
                    "Could not check the topics {} and {} ({}). Checking again in {} s",
                    properties.topic(),
                    properties.deadLetterTopic(),
                    e.getCause() == null ? e.toString() : e.getCause().toString(),
                    pause.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Duration longer = pause.multipliedBy(2);
        next = scheduler.schedule(
                () -> attempt(attempt + 1, longer.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : longer),
                scheduler.getClock().instant().plus(pause));
    }

    /** The first time at WARN, after that at DEBUG: a service that starts before order-service is no fault. */
    private static void waiting(int attempt, String message, Object... arguments) {
        if (attempt == 1) {
            log.warn(message, arguments);
        } else {
            log.debug(message, arguments);
        }
    }

    /** Creates the dead-letter topic if it is missing; false if the consumed topic it is modelled on is missing. */
    private boolean deadLetterTopicReady() throws ExecutionException, InterruptedException, TimeoutException {
        long timeoutMs = properties.kafkaTimeout().toMillis();
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        if (existing.contains(properties.deadLetterTopic())) {
            return true;
        }
        if (!existing.contains(properties.topic())) {
            return false;
        }
        int partitions = admin.describeTopics(List.of(properties.topic()))
                .allTopicNames()
                .get(timeoutMs, TimeUnit.MILLISECONDS)
                .get(properties.topic())
                .partitions()
                .size();
        var topic = new NewTopic(
                        properties.deadLetterTopic(),
                        Optional.of(partitions),
                        Optional.of(properties.topicReplicationFactor()))
                .configs(Map.of("min.insync.replicas", Integer.toString(properties.topicMinInsyncReplicas())));
        try {
            admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            log.info(
                    "Created topic {} with {} partitions, as many as {}", topic.name(), partitions, properties.topic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            } // another instance was faster
        }
        return true;
    }
}
