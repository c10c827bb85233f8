package dev.ordersystem.notifications.support;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.OrderCancelled;
import dev.ordersystem.events.OrderEvent;
import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.events.OrderLine;
import dev.ordersystem.events.OrderPaid;
import dev.ordersystem.events.OrderPlaced;
import dev.ordersystem.events.OrderShipped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Order events as the order service publishes them, for a customer and an order. */
public final class TestEvents {

    public static final OrderEventJson JSON = new OrderEventJson();

    private static final List<OrderLine> LINES = List.of(
            new OrderLine("BOOK-9780262046305", 1, new BigDecimal("54.00"), new BigDecimal("54.00")),
            new OrderLine("MUG-ORDERSYS-01", 2, new BigDecimal("12.50"), new BigDecimal("25.00")));
    private static final BigDecimal TOTAL = new BigDecimal("79.00");

    private TestEvents() {}

    public static String uniqueCustomer() {
        return "c-" + UUID.randomUUID();
    }

    public static String uniqueOrder() {
        return UUID.randomUUID().toString();
    }

    public static String email(String customerId) {
        return customerId + "@example.com";
    }

    public static EventEnvelope placed(String orderId, String customerId) {
        return wrap(new OrderPlaced(orderId, customerId, email(customerId), LINES, TOTAL, "EUR", now()));
    }

    public static EventEnvelope paid(String orderId, String customerId) {
        return wrap(new OrderPaid(orderId, customerId, email(customerId), TOTAL, "EUR", now()));
    }

    public static EventEnvelope shipped(String orderId, String customerId) {
        return wrap(new OrderShipped(orderId, customerId, email(customerId), LINES, TOTAL, "EUR", now()));
    }

    public static EventEnvelope cancelled(String orderId, String customerId, String reason) {
        return wrap(new OrderCancelled(orderId, customerId, email(customerId), reason, TOTAL, "EUR", now()));
    }

    private static EventEnvelope wrap(OrderEvent event) {
        return EventEnvelope.of(event, now(), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
