package dev.ordersystem.notifications.feed;

import static dev.ordersystem.notifications.support.TestEvents.paid;
import static dev.ordersystem.notifications.support.TestEvents.placed;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.notifications.support.EventStream;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.NotificationRows;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NotificationFeedIntegrationTests extends IntegrationTestSupport {

    @Test
    void feedIsPagedNewestFirst() {
        String customer = uniqueCustomer();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String order = uniqueOrder();
            orders.add(order);
            publish(placed(order, customer));
            await().atMost(WAIT).until(() -> notificationTypesOfOrder(order).size() == 1);
        }

        JsonNode first =
                json(get("/customers/" + customer + "/notifications?page=0&size=2", AUTHORIZATION, customer(customer)));
        JsonNode last =
                json(get("/customers/" + customer + "/notifications?page=2&size=2", AUTHORIZATION, customer(customer)));

        assertThat(first.get("totalItems").asLong()).isEqualTo(5);
        assertThat(first.get("totalPages").asLong()).isEqualTo(3);
        assertThat(orderIds(first)).containsExactly(orders.get(4), orders.get(3));
        assertThat(orderIds(last)).containsExactly(orders.get(0));
        JsonNode item = first.get("items").get(0);
        assertThat(item.get("customerId").asString()).isEqualTo(customer);
        assertThat(item.get("subject").asString()).startsWith("We received your order");
        assertThat(item.at("/email/status").asString()).isIn("PENDING", "SENT");
    }

    @Test
    void singleNotificationIsServedWithItsEmailState() {
        String customer = uniqueCustomer();
        String order = uniqueOrder();
        publish(paid(order, customer));
        await().atMost(WAIT).until(() -> notificationTypesOfOrder(order).size() == 1);
        String id = json(get("/customers/" + customer + "/notifications", AUTHORIZATION, customer(customer)))
                .get("items")
                .get(0)
                .get("id")
                .asString();

        await().atMost(WAIT)
                .until(() -> json(get("/notifications/" + id, AUTHORIZATION, customer(customer)))
                        .at("/email/status")
                        .asString()
                        .equals("SENT"));
        JsonNode notification = json(get("/notifications/" + id, AUTHORIZATION, STAFF));
        assertThat(notification.get("eventType").asString()).isEqualTo("OrderPaid");
        assertThat(notification.get("orderId").asString()).isEqualTo(order);
        assertThat(notification.get("body").asString()).contains("79.00 EUR");
        assertThat(notification.at("/email/attempts").asInt()).isEqualTo(1);
        assertThat(notification.at("/email/sentAt").asString()).isNotBlank();
    }

    @Test
    void unknownNotificationIsNotFound() {
        var response = get("/notifications/" + UUID.randomUUID(), AUTHORIZATION, STAFF);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo("urn:ordersystem:problem:notification-not-found");
    }

    @Test
    void badIdsAndQueryParametersAreBadRequests() {
        String customer = uniqueCustomer();
        String feed = "/customers/" + customer + "/notifications";
        for (String path : List.of(
                "/notifications/not-a-uuid",
                feed + "?page=-1",
                feed + "?size=0",
                feed + "?size=101",
                feed + "?size=ten",
                feed + "?page=1.5")) {
            var response = get(path, AUTHORIZATION, customer(customer));

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("type").asString()).isEqualTo("urn:ordersystem:problem:invalid-request");
            assertThat(problem.get("errors").get(0).get("field").asString()).isIn("id", "page", "size");
            assertThat(response.body()).doesNotContain("Exception");
        }
    }

    @Test
    void streamPushesANotificationCreatedAfterSubscribing() throws Exception {
        String customer = uniqueCustomer();
        String order = uniqueOrder();
        try (var stream = stream(customer)) {
            stream.awaitEvent("subscribed", WAIT);

            publish(placed(order, customer));

            JsonNode pushed = stream.awaitEvent("notification", WAIT);
            assertThat(pushed.get("orderId").asString()).isEqualTo(order);
            assertThat(pushed.get("subject").asString()).startsWith("We received your order");
        }
    }

    @Test
    void streamPushesNotificationsThatAnotherInstanceCreated() throws Exception {
        String customer = uniqueCustomer();
        try (var stream = stream(customer)) {
            stream.awaitEvent("subscribed", WAIT);

            // written straight to the database, as another instance would
            UUID id = NotificationRows.insert(jdbc, customer, 1).get(0);

            JsonNode pushed = stream.awaitEvent("notification", WAIT);
            assertThat(pushed.get("id").asString()).isEqualTo(id.toString());
        }
    }

    private static Stream<String> orderIdsStream(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(n -> n.get("orderId").asString());
    }

    private static List<String> orderIds(JsonNode page) {
        return orderIdsStream(page).toList();
    }

    private EventStream stream(String customer) {
        return new EventStream(
                uri("/customers/" + customer + "/notifications/stream"), AUTHORIZATION, customer(customer));
    }
}
