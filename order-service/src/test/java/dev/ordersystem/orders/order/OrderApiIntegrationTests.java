package dev.ordersystem.orders.order;

import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.events.OrderCancelled;
import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.events.OrderPaid;
import dev.ordersystem.events.OrderPlaced;
import dev.ordersystem.events.OrderShipped;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderApiIntegrationTests extends OrderApiTestSupport {

    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private final OrderEventJson events = new OrderEventJson();

    @Test
    void placesOrderWithLocationLinesAndTotal() {
        String customer = uniqueCustomer();

        var response = as(STAFF).postJson("/orders", orderJson(customer));

        assertThat(response.statusCode()).isEqualTo(201);
        var body = json(response);
        String id = body.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + id);
        assertThat(body.get("status").asString()).isEqualTo("PLACED");
        assertThat(body.get("customerId").asString()).isEqualTo(customer);
        assertThat(body.get("currency").asString()).isEqualTo("EUR");
        assertThat(body.get("total").decimalValue()).isEqualByComparingTo("28.99");
        assertThat(body.get("lines")).hasSize(2);
        assertThat(body.get("lines").get(0).get("lineTotal").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(json(as(STAFF).get("/orders/" + id))).isEqualTo(body);
    }

    @Test
    void paysShipsAndRecordsEachChangeAsOneOutboxEventInOrder() {
        UUID id = placeOrder(uniqueCustomer());

        var paid = transition(id, "pay", EventHeaders.TRACE_PARENT, TRACE);
        var shipped = transition(id, "ship");

        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(json(paid).get("status").asString()).isEqualTo("PAID");
        assertThat(json(shipped).get("status").asString()).isEqualTo("SHIPPED");
        List<EventEnvelope> recorded = outboxEvents(id);
        assertThat(recorded)
                .extracting(EventEnvelope::eventType)
                .containsExactly("OrderPlaced", "OrderPaid", "OrderShipped");
        assertThat(recorded).allSatisfy(event -> assertThat(event.aggregateId()).isEqualTo(id.toString()));
        assertThat(recorded.get(0).payload()).isInstanceOfSatisfying(OrderPlaced.class, placed -> {
            assertThat(placed.total()).isEqualByComparingTo("28.99");
            assertThat(placed.lines()).hasSize(2);
        });
        assertThat(recorded.get(1).payload()).isInstanceOf(OrderPaid.class);
        // the caller's trace goes on (its trace id), from the service's own span of the request (its span id)
        assertThat(recorded.get(1).traceParent())
                .startsWith(TRACE.substring(0, 36))
                .isNotEqualTo(TRACE);
        assertThat(recorded.get(2).payload()).isInstanceOf(OrderShipped.class);
        assertThat(recorded).extracting(EventEnvelope::traceParent).doesNotContainNull();
        // a request without a traceparent starts a trace of its own
        assertThat(recorded)
                .extracting(event -> event.traceParent().substring(3, 35))
                .doesNotHaveDuplicates();
    }

    @Test
    void cancelsPaidOrderWithReason() {
        UUID id = placeOrder(uniqueCustomer());
        transition(id, "pay");

        var cancelled = as(STAFF).postJson("/orders/" + id + "/cancel", "{\"reason\": \"changed my mind\"}");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(json(cancelled).get("cancelReason").asString()).isEqualTo("changed my mind");
        var last = outboxEvents(id).get(2);
        assertThat(last.payload()).isInstanceOfSatisfying(OrderCancelled.class, event -> {
            assertThat(event.reason()).isEqualTo("changed my mind");
            assertThat(event.total()).isEqualTo(new BigDecimal("28.99"));
        });
    }

    @Test
    void cancelsPlacedOrderWithoutBody() {
        UUID id = placeOrder(uniqueCustomer());

        var cancelled = transition(id, "cancel");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json(cancelled).get("cancelReason").isNull()).isTrue();
        assertThat(outboxEvents(id))
                .extracting(EventEnvelope::eventType)
                .containsExactly("OrderPlaced", "OrderCancelled");
    }

    @ParameterizedTest(name = "{0} then {1} is rejected")
    @CsvSource({
        "'',               ship",
        "pay,              pay",
        "pay/ship,         pay",
        "pay/ship,         cancel",
        "cancel,           pay",
        "cancel,           ship",
        "cancel,           cancel",
        "pay/cancel,       ship",
    })
    void rejectsIllegalTransitionWith409AndChangesNothing(String before, String action) {
        UUID id = placeOrder(uniqueCustomer());
        for (String step : before.split("/")) {
            if (!step.isBlank()) {
                assertThat(transition(id, step).statusCode()).isEqualTo(200);
            }
        }
        var statusBefore = json(as(STAFF).get("/orders/" + id)).get("status").asString();
        long eventsBefore = outboxRowsFor(id);

        var response = transition(id, action);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("detail").asString())
                .contains(id.toString())
                .contains(statusBefore);
        assertThat(json(as(STAFF).get("/orders/" + id)).get("status").asString())
                .isEqualTo(statusBefore);
        assertThat(outboxRowsFor(id)).isEqualTo(eventsBefore);
    }

    @Test
    void searchesByCustomerAndStatusNewestFirstWithPaging() {
        String customer = uniqueCustomer();
        UUID first = placeOrder(customer);
        UUID second = placeOrder(customer);
        UUID third = placeOrder(customer);
        transition(second, "pay");
        placeOrder(uniqueCustomer());

        var all = json(as(STAFF).get("/orders?customerId=" + customer + "&size=2"));
        var secondPage = json(as(STAFF).get("/orders?customerId=" + customer + "&size=2&page=1"));
        var paid = json(as(STAFF).get("/orders?customerId=" + customer + "&status=PAID"));

        assertThat(all.get("totalElements").asLong()).isEqualTo(3);
        assertThat(all.get("totalPages").asLong()).isEqualTo(2);
        assertThat(all.get("content").valueStream().map(o -> o.get("id").asString()))
                .containsExactly(third.toString(), second.toString());
        assertThat(secondPage.get("content").valueStream().map(o -> o.get("id").asString()))
                .containsExactly(first.toString());
        assertThat(paid.get("content").valueStream().map(o -> o.get("id").asString()))
                .containsExactly(second.toString());
    }

    private List<EventEnvelope> outboxEvents(UUID orderId) {
        return jdbc
                .sql("select payload::text from outbox where aggregate_id = :id order by created_at, id")
                .param("id", orderId.toString())
                .query(String.class)
                .list()
                .stream()
                .map(events::read)
                .toList();
    }
}
