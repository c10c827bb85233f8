package dev.ordersystem.orders.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Base of the relay's integration tests that run it in the test's application context (switched on, with names of
 * their own, by the subclass's {@code @TestPropertySource}): waits for the relay and for events on its topic.
 */
public abstract class RelayTestSupport extends OrderApiTestSupport {

    /** Waits until this instance leads the relay and streams from the WAL. */
    protected void awaitStreaming() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> relayHealth().path("details").path("streaming").asBoolean());
    }

    /** Waits until every written event is on the topic (duplicates allowed) and returns what the topic shows. */
    protected static PublishedEvents awaitOnTopic(TopicReader topic, List<EventEnvelope> written) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(
                                PublishedEvents.of(written, topic.poll()).missing())
                        .isEmpty());
        return PublishedEvents.of(written, topic.poll());
    }

    /** {@code /actuator/health/relay} */
    protected JsonNode relayHealth() {
        return json(get("/actuator/health/relay"));
    }

    /** {@code /actuator/relay} */
    protected JsonNode relayStatus() {
        return json(get("/actuator/relay"));
    }
}
