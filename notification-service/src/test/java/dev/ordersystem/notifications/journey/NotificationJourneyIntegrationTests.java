package dev.ordersystem.notifications.journey;

import static dev.ordersystem.notifications.support.TestEvents.paid;
import static dev.ordersystem.notifications.support.TestEvents.placed;
import static dev.ordersystem.notifications.support.TestEvents.shipped;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.notifications.support.FaultInjection;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.TestKafka;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /ops/orders/{orderId}/journey}: per event of the order, where a Kafka consumer reads it, when it was sent,
 * processed and emailed, with the trace of its email; an event parked behind a dead letter as blocked; nothing for an
 * order the service has not seen.
 */
class NotificationJourneyIntegrationTests extends IntegrationTestSupport {

    @Test
    void showsWhereEachEventWasConsumedWhenItWasSentAndProcessedAndHowItsEmailWent() {
        String order = uniqueOrder();
        String customer = uniqueCustomer();
        List<EventEnvelope> events = List.of(placed(order, customer), paid(order, customer));
        events.forEach(TestKafka::publish);

        JsonNode journey =
                await().atMost(WAIT).until(() -> journey(order, OPERATOR), j -> emailsSent(j) == events.size());

        assertThat(journey.get("orderId").asString()).isEqualTo(order);
        List<ConsumerRecord<byte[], byte[]>> topic = TestKafka.readAll(TestKafka.TOPIC);
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = journey.get("events").get(i);
            EventEnvelope published = events.get(i);
            ConsumerRecord<byte[], byte[]> record = recordOf(topic, published.eventId());
            assertThat(event.get("eventId").asString())
                    .isEqualTo(published.eventId().toString());
            assertThat(event.get("eventType").asString()).isEqualTo(published.eventType());
            assertThat(event.get("topic").asString()).isEqualTo(TestKafka.TOPIC);
            assertThat(event.get("partition").asInt()).isEqualTo(record.partition());
            assertThat(event.get("offset").asLong()).isEqualTo(record.offset());
            Instant sent = Instant.parse(event.get("recordTimestamp").asString());
            Instant processed = Instant.parse(event.get("processedAt").asString());
            assertThat(sent).isEqualTo(Instant.ofEpochMilli(record.timestamp()));
            assertThat(processed).isAfterOrEqualTo(sent);
            assertThat(Instant.parse(event.get("emailSentAt").asString())).isAfterOrEqualTo(processed);
            assertThat(event.get("blocked").asBoolean()).isFalse();
            assertThat(event.get("notificationId").asString())
                    .isEqualTo(jdbc.sql("select id::text from notifications where event_id = :id")
                            .param("id", published.eventId())
                            .query(String.class)
                            .single());
            assertThat(event.get("traceId").asString())
                    .as("the email continues the trace of the record's traceparent")
                    .isEqualTo(published.traceParent().substring(3, 35));
        }
    }

    @Test
    void showsAnEventParkedBehindADeadLetterAsBlockedAndKeepsItsRecordTimestampWhenItIsReleased() {
        String order = uniqueOrder();
        String customer = uniqueCustomer();
        publish(placed(order, customer));
        EventEnvelope failing = paid(order, customer);
        EventEnvelope later = shipped(order, customer);
        RecordMetadata laterAt;
        try (var bug = FaultInjection.failNotificationOf(jdbc, failing.eventId())) {
            publish(failing);
            laterAt = publish(later);
            JsonNode blocked = await().atMost(WAIT)
                    .until(() -> eventOf(journey(order, VIEWER), later.eventId()), event -> event != null);

            assertThat(blocked.get("blocked").asBoolean()).isTrue();
            assertThat(blocked.get("eventType").asString()).isEqualTo("OrderShipped");
            assertThat(blocked.get("partition").asInt()).isEqualTo(laterAt.partition());
            assertThat(blocked.get("offset").asLong()).isEqualTo(laterAt.offset());
            assertThat(blocked.get("processedAt").isNull()).isTrue();
            assertThat(blocked.get("notificationId").isNull()).isTrue();
        }
        JsonNode deadLetter = StreamSupport.stream(
                        json(get("/ops/dead-letters?limit=1000", AUTHORIZATION, VIEWER))
                                .get("items")
                                .spliterator(),
                        false)
                .filter(d ->
                        failing.eventId().toString().equals(d.path("eventId").asString()))
                .findFirst()
                .orElseThrow();

        // re-driven once the cause is gone: processed, so a later replay of the topic finds the event handled
        var redriven = post(
                "/ops/dead-letters/" + deadLetter.get("partition").asInt() + "/"
                        + deadLetter.get("offset").asLong() + "/redrive",
                AUTHORIZATION,
                OPERATOR);

        assertThat(redriven.statusCode()).isEqualTo(200);
        JsonNode released = await().atMost(WAIT)
                .until(
                        () -> eventOf(journey(order, VIEWER), later.eventId()),
                        event -> event != null && !event.get("blocked").asBoolean());
        assertThat(released.get("processedAt").isNull()).isFalse();
        assertThat(Instant.parse(released.get("recordTimestamp").asString()))
                .isEqualTo(Instant.ofEpochMilli(laterAt.timestamp()));
    }

    @Test
    void hasNoEventsForAnOrderItHasNotSeen() {
        String order = UUID.randomUUID().toString();

        JsonNode journey = journey(order, VIEWER);

        assertThat(journey.get("orderId").asString()).isEqualTo(order);
        assertThat(journey.get("events")).isEmpty();
    }

    @Test
    void answersAMalformedOrderIdWithAProblem() {
        var response = get("/ops/orders/not-an-id/journey", AUTHORIZATION, OPERATOR);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private JsonNode journey(String order, String authorization) {
        var response = get("/ops/orders/" + order + "/journey", AUTHORIZATION, authorization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static long emailsSent(JsonNode journey) {
        return StreamSupport.stream(journey.get("events").spliterator(), false)
                .filter(event -> !event.get("emailStatus").isNull()
                        && event.get("emailStatus").asString().equals("SENT"))
                .count();
    }

    private static JsonNode eventOf(JsonNode journey, UUID eventId) {
        return StreamSupport.stream(journey.get("events").spliterator(), false)
                .filter(event -> event.get("eventId").asString().equals(eventId.toString()))
                .findFirst()
                .orElse(null);
    }

    private static ConsumerRecord<byte[], byte[]> recordOf(List<ConsumerRecord<byte[], byte[]>> records, UUID eventId) {
        return records.stream()
                .filter(record -> TopicReader.header(record, EventHeaders.EVENT_ID)
                        .orElse("")
                        .equals(eventId.toString()))
                .findFirst()
                .orElseThrow();
    }
}
