package dev.ordersystem.notifications.deadletter;

import static dev.ordersystem.notifications.support.TestEvents.placed;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.notifications.inbox.DeadLetterPosition;
import dev.ordersystem.notifications.support.FaultInjection;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.TestKafka;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeadLetterEndpointsIntegrationTests extends IntegrationTestSupport {

    @Test
    void listingWithoutOrWithABadTokenIsUnauthorized() {
        var anonymous = get("/ops/dead-letters");
        var wrong = get("/ops/dead-letters", "Authorization", "Bearer not-a-token");
        var redrive = post("/ops/dead-letters/redrive");

        for (var response : java.util.List.of(anonymous, wrong, redrive)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("type").asString()).isEqualTo("urn:ordersystem:problem:unauthorized");
        }
    }

    @Test
    void viewerMayListButNotRedrive() {
        assertThat(get("/ops/dead-letters", "Authorization", VIEWER).statusCode())
                .isEqualTo(200);

        var one = post("/ops/dead-letters/0/0/redrive", "Authorization", VIEWER);
        var all = post("/ops/dead-letters/redrive", "Authorization", VIEWER);
        var discard = post("/ops/dead-letters/0/0/discard", "Authorization", VIEWER);

        assertThat(one.statusCode()).isEqualTo(403);
        assertThat(all.statusCode()).isEqualTo(403);
        assertThat(discard.statusCode()).isEqualTo(403);
        assertThat(json(one).get("type").asString()).isEqualTo("urn:ordersystem:problem:forbidden");
    }

    @Test
    void recordThatFailedBeyondTheRetriesIsListedAndRedrivenOnceAfterTheCauseIsFixed() {
        String customer = uniqueCustomer();
        EventEnvelope event = placed(uniqueOrder(), customer);
        RecordMetadata original;
        JsonNode deadLetter;
        try (var fault = FaultInjection.failNotificationInserts(jdbc, customer)) {
            original = publish(event);

            deadLetter = await().atMost(WAIT)
                    .until(() -> find(original), Optional::isPresent)
                    .orElseThrow();
            assertThat(fault.attempts()).as("first attempt and 3 retries").isEqualTo(4);
        }
        assertThat(notificationsOfCustomer(customer)).isZero();
        assertThat(deadLetter.get("key").asString()).isEqualTo(event.aggregateId());
        assertThat(deadLetter.get("eventId").asString())
                .isEqualTo(event.eventId().toString());
        assertThat(deadLetter.get("eventType").asString()).isEqualTo("OrderPlaced");
        assertThat(deadLetter.get("consumerGroup").asString()).isEqualTo("notification-service");
        assertThat(deadLetter.get("exceptionMessage").asString()).contains("injected failure");
        assertThat(deadLetter.get("valuePreview").asString())
                .contains(event.eventId().toString());
        assertThat(deadLetter.get("redriven").isNull()).isTrue();
        String path = "/ops/dead-letters/" + deadLetter.get("partition").asInt() + "/"
                + deadLetter.get("offset").asLong() + "/redrive";

        var redriven = post(path, "Authorization", OPERATOR);

        assertThat(redriven.statusCode()).isEqualTo(200);
        assertThat(json(redriven).at("/redriven/by").asString()).isEqualTo("olga");
        assertThat(json(redriven).at("/redriven/topic").asString()).isEqualTo(TestKafka.TOPIC);
        assertThat(json(redriven).at("/redriven/partition").asInt()).isEqualTo(original.partition());
        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 1);
        assertThat(find(original).orElseThrow().at("/redriven/by").asString()).isEqualTo("olga");
        var again = post(path, "Authorization", OPERATOR);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("type").asString())
                .isEqualTo("urn:ordersystem:problem:dead-letter-already-redriven");
        var redrivenRecord = TestKafka.readAll(TestKafka.TOPIC).stream()
                .filter(r -> r.headers().lastHeader(DeadLetterPosition.REDRIVEN_FROM_HEADER) != null
                        && new String(r.value(), StandardCharsets.UTF_8)
                                .contains(event.eventId().toString()))
                .toList();
        assertThat(redrivenRecord).hasSize(1);
        assertThat(redrivenRecord.get(0).headers().lastHeader(EventHeaders.EVENT_ID))
                .isNotNull();
        assertThat(redrivenRecord.get(0).headers().lastHeader("kafka_dlt-exception-fqcn"))
                .isNull();
    }

    @Test
    void redriveAllSendsEveryPendingDeadLetterBackAndListsThemAsRedriven() {
        String customer = uniqueCustomer();
        EventEnvelope event = placed(uniqueOrder(), customer);
        RecordMetadata original;
        try (var fault = FaultInjection.failNotificationInserts(jdbc, customer)) {
            original = publish(event);
            await().atMost(WAIT).until(() -> find(original), Optional::isPresent);
        }

        var response = post("/ops/dead-letters/redrive", "Authorization", OPERATOR);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("redriven").asInt()).isGreaterThanOrEqualTo(1);
        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 1);
        var pending = json(get("/ops/dead-letters?status=pending&limit=1000", "Authorization", VIEWER));
        assertThat(StreamSupport.stream(pending.get("items").spliterator(), false)
                        .noneMatch(d -> d.get("offset").asLong()
                                        == find(original)
                                                .orElseThrow()
                                                .get("offset")
                                                .asLong()
                                && d.get("partition").asInt()
                                        == find(original)
                                                .orElseThrow()
                                                .get("partition")
                                                .asInt()))
                .isTrue();
    }

    @Test
    void unknownDeadLetterAndBadParametersAreProblems() {
        var unknown = post("/ops/dead-letters/0/999999999/redrive", "Authorization", OPERATOR);
        var badPartition = post("/ops/dead-letters/x/1/redrive", "Authorization", OPERATOR);
        var badLimit = get("/ops/dead-letters?limit=0", "Authorization", VIEWER);
        var badStatus = get("/ops/dead-letters?status=sometimes", "Authorization", VIEWER);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("type").asString()).isEqualTo("urn:ordersystem:problem:dead-letter-not-found");
        for (var response : java.util.List.of(badPartition, badLimit, badStatus)) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("errors").get(0).get("field").asString())
                    .isIn("partition", "limit", "status");
        }
    }

    /** The listing's entry of the dead letter of this original record, if there is one. */
    private Optional<JsonNode> find(RecordMetadata original) {
        var listing = get("/ops/dead-letters?limit=1000", "Authorization", VIEWER);
        assertThat(listing.statusCode()).isEqualTo(200);
        return StreamSupport.stream(json(listing).get("items").spliterator(), false)
                .filter(d -> TestKafka.TOPIC.equals(d.path("originalTopic").asString())
                        && d.path("originalPartition").asInt() == original.partition()
                        && d.path("originalOffset").asLong() == original.offset())
                .findFirst();
    }
}
