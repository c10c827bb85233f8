package dev.ordersystem.orders.journey;

import static dev.ordersystem.orders.support.TestCaller.OPERATOR;
import static dev.ordersystem.orders.support.TestCaller.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.orders.relay.OutboxRetention;
import dev.ordersystem.orders.support.RelayTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /ops/orders/{id}/journey} against the relay running in this context: the order's events as the outbox
 * holds them, the same event ids that a Kafka consumer reads for the order, committed before the relay sent them, with
 * the trace of the request that caused them; the relay's publication confirmed once the slot has confirmed a watermark.
 */
@TestPropertySource(
        properties = {
            "orders.relay.enabled=true",
            "orders.relay.instance-id=journey-test",
            "orders.relay.slot-name=relay_journey",
            "orders.relay.publication-name=relay_pub_journey",
            "orders.relay.topic=orders.events.journey",
            "orders.relay.offsets-topic=orders.relay.offsets.journey",
            "orders.relay.heartbeat-interval=PT1S",
            "orders.relay.retention-interval=PT1H"
        })
@DirtiesContext
class OrderJourneyIntegrationTests extends RelayTestSupport {

    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Autowired
    OutboxRetention retention;

    @Test
    void showsEachEventOfTheOrderAsTheTopicHasIt() {
        UUID id = placeOrder("journey-" + UUID.randomUUID());
        assertThat(transition(id, "pay", EventHeaders.TRACE_PARENT, TRACE).statusCode())
                .isEqualTo(200);
        List<ConsumerRecord<String, String>> records =
                ofOrder(topic.readUntil(read -> ofOrder(read, id).size() == 2, Duration.ofSeconds(60)), id);

        JsonNode journey = journey(id);

        assertThat(journey.get("orderId").asString()).isEqualTo(id.toString());
        assertThat(journey.get("status").asString()).isEqualTo("PAID");
        assertThat(journey.get("outboxRowsDeleted").asBoolean()).isFalse();
        JsonNode events = journey.get("events");
        assertThat(events).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode event = events.get(i);
            ConsumerRecord<String, String> record = records.get(i);
            assertThat(event.get("eventId").asString())
                    .isEqualTo(TopicReader.header(record, EventHeaders.EVENT_ID).orElseThrow());
            assertThat(event.get("eventType").asString())
                    .isEqualTo(
                            TopicReader.header(record, EventHeaders.EVENT_TYPE).orElseThrow())
                    .isEqualTo(i == 0 ? "OrderPlaced" : "OrderPaid");
            assertThat(event.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(event.get("commitTimeSource").asString())
                    .as("the local stack runs with track_commit_timestamp=on")
                    .isEqualTo("COMMIT_TIMESTAMP");
            assertThat(Instant.parse(event.get("committedAt").asString()))
                    .isBeforeOrEqualTo(Instant.ofEpochMilli(record.timestamp()).plusMillis(1));
            assertThat(event.get("traceId").asString())
                    .isEqualTo(TopicReader.header(record, EventHeaders.TRACE_PARENT)
                            .orElseThrow()
                            .substring(3, 35));
        }
        assertThat(events.get(1).get("traceId").asString()).isEqualTo(TRACE.substring(3, 35));
        assertThat(Instant.parse(events.get(0).get("committedAt").asString()))
                .isBefore(Instant.parse(events.get(1).get("committedAt").asString()));
    }

    @Test
    void confirmsThePublicationOnceTheSlotHasConfirmedAWatermarkTakenAfterTheCommit() {
        UUID id = placeOrder("journey-" + UUID.randomUUID());
        topic.readUntil(read -> ofOrder(read, id).size() == 1, Duration.ofSeconds(60));
        assertThat(journey(id).get("events").get(0).get("publishConfirmed").asBoolean())
                .as("no watermark taken since the commit")
                .isFalse();

        retention.purgeConfirmed(); // takes a watermark; the heartbeat (every second) moves the slot past it

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        journey(id).get("events").get(0).get("publishConfirmed").asBoolean());
    }

    @Test
    void saysSoWhenRetentionHasDeletedTheOrdersOutboxRows() {
        UUID id = placeOrder("journey-" + UUID.randomUUID());
        jdbc.sql("delete from outbox where aggregate_id = :id")
                .param("id", id.toString())
                .update();

        JsonNode journey = json(as(VIEWER).get("/ops/orders/" + id + "/journey"));

        assertThat(journey.get("status").asString()).isEqualTo("PLACED");
        assertThat(journey.get("outboxRowsDeleted").asBoolean()).isTrue();
        assertThat(journey.get("events")).isEmpty();
    }

    @Test
    void answersAnUnknownOrderWith404AndAMalformedIdWith400() {
        var unknown = as(OPERATOR).get("/ops/orders/" + UUID.randomUUID() + "/journey");
        var malformed = as(OPERATOR).get("/ops/orders/not-an-id/journey");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("type").asString()).isEqualTo("urn:ordersystem:problem:order-not-found");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private JsonNode journey(UUID id) {
        var response = as(OPERATOR).get("/ops/orders/" + id + "/journey");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<ConsumerRecord<String, String>> ofOrder(List<ConsumerRecord<String, String>> records, UUID id) {
        return records.stream()
                .filter(record -> record.key().equals(id.toString()))
                .toList();
    }
}
