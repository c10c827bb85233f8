package dev.ordersystem.orders.order;

import static dev.ordersystem.orders.support.TestCaller.ADA;
import static dev.ordersystem.orders.support.TestCaller.GRACE;
import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.events.OrderPlaced;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Customers act for themselves only: their orders carry the customer id and email address of their token (so nobody
 * can have the service mail a stranger), they list only their own, and cancel their own while the state machine
 * allows it. Staff act for any customer they name.
 */
class OrderOwnershipIntegrationTests extends OrderApiTestSupport {

    @Test
    void placesACustomersOrderWithTheCustomerIdAndEmailOfTheirToken() {
        var response = as(ADA).postJson("/orders", ownOrderJson());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("customerId").asString()).isEqualTo("ada");
        assertThat(json(response).get("customerEmail").asString()).isEqualTo("ada@example.com");
        UUID id = UUID.fromString(json(response).get("id").asString());
        var placed = new OrderEventJson()
                .read(jdbc.sql("select payload::text from outbox where aggregate_id = :id")
                        .param("id", id.toString())
                        .query(String.class)
                        .single())
                .payload();
        assertThat(placed).isInstanceOfSatisfying(OrderPlaced.class, event -> {
            assertThat(event.customerId()).isEqualTo("ada");
            assertThat(event.customerEmail()).isEqualTo("ada@example.com");
        });
    }

    @Test
    void acceptsABodyThatNamesTheCustomerThemselves() {
        var response = as(ADA).postJson("/orders", orderJson("ada", "ADA@example.com", "EUR", LINE));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("customerEmail").asString()).isEqualTo("ada@example.com");
    }

    @ParameterizedTest(name = "customerId {0}, customerEmail {1}")
    @CsvSource({"grace, ada@example.com", "ada, grace@example.com", "grace, grace@example.com"})
    void refusesACustomersOrderForSomebodyElseWith403AndWritesNothing(String customerId, String email) {
        var before = tableCounts();

        var response = as(ADA).postJson("/orders", orderJson(customerId, email, "EUR", LINE));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("detail").asString()).contains("for themselves only");
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void staffMustNameTheCustomerAndTheAddress() {
        var response = as(STAFF).postJson("/orders", ownOrderJson());

        assertThat(response.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(response)
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactly("customerEmail", "customerId");
    }

    @Test
    void listsOnlyTheCustomersOwnOrders() {
        UUID adas = placeOrder("ada");
        UUID graces = placeOrder("grace");

        var page = json(as(ADA).get("/orders?size=100"));

        List<String> ids = new ArrayList<>();
        page.get("content").forEach(order -> {
            assertThat(order.get("customerId").asString()).isEqualTo("ada");
            ids.add(order.get("id").asString());
        });
        assertThat(ids).contains(adas.toString()).doesNotContain(graces.toString());
        assertThat(page.get("totalElements").asLong()).isEqualTo(ordersOf("ada"));
        assertThat(json(as(GRACE).get("/orders?customerId=grace&size=100"))
                        .get("totalElements")
                        .asLong())
                .isEqualTo(ordersOf("grace"));
    }

    @Test
    void customerCancelsTheirOwnOrderWhileTheStateMachineAllowsIt() {
        UUID placed = placeOrder("ada");
        UUID shipped = placeOrder("ada");
        transition(shipped, "pay");
        transition(shipped, "ship");

        var cancelled = as(ADA).postJson("/orders/" + placed + "/cancel", "{\"reason\": \"changed my mind\"}");
        var tooLate = as(ADA).postEmpty("/orders/" + shipped + "/cancel");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(tooLate.statusCode()).isEqualTo(409);
    }

    private long ordersOf(String customer) {
        return jdbc.sql("select count(*) from orders where customer_id = :c")
                .param("c", customer)
                .query(Long.class)
                .single();
    }
}
