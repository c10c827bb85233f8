package dev.ordersystem.notifications.deadletter;

import static dev.ordersystem.notifications.support.TestEvents.cancelled;
import static dev.ordersystem.notifications.support.TestEvents.paid;
import static dev.ordersystem.notifications.support.TestEvents.placed;
import static dev.ordersystem.notifications.support.TestEvents.shipped;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.notifications.support.FaultInjection;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Once an event of an order is dead-lettered, the order's later events wait behind it, whatever becomes of it. */
class OrderedDeadLetterIntegrationTests extends IntegrationTestSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void laterEventsOfAnOrderWaitBehindItsDeadLetterWhileOtherOrdersFlowAndFollowItInOrderWhenItIsRedriven() {
        String customer = uniqueCustomer();
        String order = uniqueOrder();
        String other = uniqueOrder();
        publish(placed(order, customer));
        await().atMost(WAIT).until(() -> notificationTypesOfOrder(order).size() == 1);
        EventEnvelope failing = paid(order, customer);
        double parkedBefore = parkedCount();
        JsonNode deadLetter;
        try (var bug = FaultInjection.failNotificationOf(jdbc, failing.eventId())) {
            publish(failing);
            publish(shipped(order, customer));
            publish(placed(other, customer));
            publish(paid(other, customer));

            deadLetter = awaitParkedBehind(failing, 1);
            await().atMost(WAIT).until(() -> notificationTypesOfOrder(other).size() == 2);
            assertThat(notificationTypesOfOrder(other)).containsExactly("OrderPlaced", "OrderPaid");
            assertThat(notificationTypesOfOrder(order)).as("shipped waits").containsExactly("OrderPlaced");
            assertThat(deadLetter.get("blockedOrder").asString()).isEqualTo(order);
            assertThat(parkedCount() - parkedBefore).isEqualTo(1.0);
        }

        var redriven = post(path(deadLetter, "redrive"), "Authorization", OPERATOR);

        assertThat(redriven.statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> notificationTypesOfOrder(order).size() == 3);
        assertThat(notificationTypesOfOrder(order)).containsExactly("OrderPlaced", "OrderPaid", "OrderShipped");
        JsonNode after = deadLetterOf(failing).orElseThrow();
        assertThat(after.get("blockedOrder").isNull()).isTrue();
        assertThat(after.get("parked").asInt()).isZero();
        publish(cancelled(order, customer, "no longer blocked"));
        await().atMost(WAIT).until(() -> notificationTypesOfOrder(order).size() == 4);
        assertThat(notificationTypesOfOrder(order)).endsWith("OrderCancelled");
    }

    @Test
    void discardingADeadLetterReleasesTheEventsParkedBehindItWithoutIt() {
        String customer = uniqueCustomer();
        String order = uniqueOrder();
        Blocked blocked = blockBehindAFailingPayment(order, customer, () -> {});
        JsonNode deadLetter = blocked.deadLetter();

        var discarded = post(path(deadLetter, "discard"), "Authorization", OPERATOR);

        assertThat(discarded.statusCode()).isEqualTo(200);
        assertThat(json(discarded).get("released").asInt()).isEqualTo(1);
        assertThat(json(discarded).at("/deadLetter/discarded/by").asString()).isEqualTo("olga");
        assertThat(notificationTypesOfOrder(order)).containsExactly("OrderPlaced", "OrderShipped");
        assertThat(deadLetterOf(blocked.failing())
                        .orElseThrow()
                        .at("/discarded/by")
                        .asString())
                .isEqualTo("olga"); // the operator token's subject
        var redrive = post(path(deadLetter, "redrive"), "Authorization", OPERATOR);
        var again = post(path(deadLetter, "discard"), "Authorization", OPERATOR);
        for (var conflict : List.of(redrive, again)) {
            assertThat(conflict.statusCode()).isEqualTo(409);
            assertThat(json(conflict).get("type").asString())
                    .isEqualTo("urn:ordersystem:problem:dead-letter-already-discarded");
        }
        var listed = json(get("/ops/dead-letters?status=discarded&limit=1000", "Authorization", VIEWER));
        assertThat(StreamSupport.stream(listed.get("items").spliterator(), false)
                        .anyMatch(d -> d.get("offset").asLong()
                                        == deadLetter.get("offset").asLong()
                                && d.get("partition").asInt()
                                        == deadLetter.get("partition").asInt()))
                .isTrue();
    }

    @Test
    void aSecondDeadLetterOfABlockedOrderWaitsInLineAndHoldsBackWhatCameAfterIt() {
        String customer = uniqueCustomer();
        String order = uniqueOrder();
        JsonNode first = blockBehindAFailingPayment(
                        order,
                        customer,
                        () -> TestKafka.send(null, order, "not an event".getBytes(StandardCharsets.UTF_8)))
                .deadLetter();
        JsonNode second = await().atMost(WAIT)
                .until(() -> listedWithValue("not an event"), Optional::isPresent)
                .orElseThrow();
        assertThat(second.get("blockedOrder").asString()).isEqualTo(order);
        assertThat(second.get("parked").asInt()).as("shipped is behind it too").isEqualTo(1);

        var discardFirst = post(path(first, "discard"), "Authorization", OPERATOR);

        assertThat(json(discardFirst).get("released").asInt())
                .as("stops at the second")
                .isZero();
        assertThat(notificationTypesOfOrder(order)).containsExactly("OrderPlaced");

        var discardSecond = post(path(second, "discard"), "Authorization", OPERATOR);

        assertThat(json(discardSecond).get("released").asInt()).isEqualTo(1);
        assertThat(notificationTypesOfOrder(order)).containsExactly("OrderPlaced", "OrderShipped");
    }

    /** A payment whose notification failed and the listing's entry of its dead letter. */
    private record Blocked(EventEnvelope failing, JsonNode deadLetter) {}

    /**
     * Places the order and publishes its payment while its notification fails, then {@code beforeShipment} and the
     * order's shipment; returns once the shipment is parked behind the payment's dead letter.
     */
    private Blocked blockBehindAFailingPayment(String order, String customer, Runnable beforeShipment) {
        publish(placed(order, customer));
        EventEnvelope failing = paid(order, customer);
        try (var bug = FaultInjection.failNotificationOf(jdbc, failing.eventId())) {
            publish(failing);
            beforeShipment.run();
            publish(shipped(order, customer));
            return new Blocked(failing, awaitParkedBehind(failing, 1));
        }
    }

    /** The listing's entry of the event's dead letter, once that many records of its order are parked behind it. */
    private JsonNode awaitParkedBehind(EventEnvelope failing, int parked) {
        return await().atMost(WAIT)
                .until(() -> deadLetterOf(failing).filter(d -> d.get("parked").asInt() == parked), Optional::isPresent)
                .orElseThrow();
    }

    private double parkedCount() {
        var counter = meters.find("notifications.events.parked").counter();
        return counter == null ? 0 : counter.count();
    }

    private Optional<JsonNode> deadLetterOf(EventEnvelope event) {
        return listed().filter(
                        d -> event.eventId().toString().equals(d.path("eventId").asString()))
                .findFirst();
    }

    private Optional<JsonNode> listedWithValue(String value) {
        return listed().filter(d -> value.equals(d.path("valuePreview").asString()))
                .findFirst();
    }

    private Stream<JsonNode> listed() {
        var listing = get("/ops/dead-letters?limit=1000", "Authorization", VIEWER);
        assertThat(listing.statusCode()).isEqualTo(200);
        return StreamSupport.stream(json(listing).get("items").spliterator(), false);
    }

    private static String path(JsonNode deadLetter, String action) {
        return "/ops/dead-letters/" + deadLetter.get("partition").asInt() + "/"
                + deadLetter.get("offset").asLong() + "/" + action;
    }
}
