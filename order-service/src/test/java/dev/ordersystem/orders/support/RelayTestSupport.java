package dev.ordersystem.orders.support;

import static dev.ordersystem.orders.support.TestCaller.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.orders.relay.OutboxRelay;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Base of the relay's integration tests that run it in the test's application context (switched on, with names of
 * their own, by the subclass's {@code @TestPropertySource}): before each test the relay streams (started again if a
 * test stopped it), and the test has the relay's topic and a writer of outbox rows at hand.
 */
public abstract class RelayTestSupport extends OrderApiTestSupport {

    @Autowired
    protected OutboxRelay relay;

    @Value("${orders.relay.topic}")
    private String relayTopic;

    protected OutboxRows outbox;
    protected TopicReader<String, String> topic;

    @BeforeEach
    void relayStreams() {
        LocalStack stack = LocalStackExtension.stack();
        outbox = new OutboxRows(stack);
        topic = TopicReader.ofStrings(stack.bootstrapServers(), relayTopic);
        relay.start(); // a no-op unless a test stopped it
        awaitStreaming();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    /** Waits until this instance leads the relay and streams from the WAL. */
    protected void awaitStreaming() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> relayHealth().path("details").path("streaming").asBoolean());
    }

    /** Waits until every written event is on the topic (duplicates allowed) and returns what the topic shows. */
    protected PublishedEvents awaitOnTopic(List<EventEnvelope> written) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(
                                PublishedEvents.of(written, topic.poll()).missing())
                        .isEmpty());
        return PublishedEvents.of(written, topic.poll());
    }

    /** {@code /actuator/health/relay} */
    protected JsonNode relayHealth() {
        return json(as(OPERATOR).get("/actuator/health/relay"));
    }

    /** {@code /actuator/relay} */
    protected JsonNode relayStatus() {
        return json(as(OPERATOR).get("/actuator/relay"));
    }
}
