package dev.ordersystem.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Realistic events of every type, shared by the tests. */
final class OrderEventSamples {

    static final String ORDER_ID = "5f0c6a2e-8d7b-4c1e-9a3f-2b6d8e1c4a70";
    static final String TRACE_PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final Instant OCCURRED_AT = Instant.parse("2026-11-25T10:15:30.123Z");

    private static final List<OrderLine> LINES = List.of(
            new OrderLine("BOOK-9780262046305", 1, new BigDecimal("54.00"), new BigDecimal("54.00")),
            new OrderLine("MUG-ORDERSYS-01", 2, new BigDecimal("12.50"), new BigDecimal("25.00")));

    private static final String CUSTOMER = "c-10482";
    private static final String EMAIL = "ada.lovelace@example.com";
    private static final BigDecimal TOTAL = new BigDecimal("79.00");

    private OrderEventSamples() {}

    static OrderEvent sample(EventType type) {
        return switch (type) {
            case ORDER_PLACED -> new OrderPlaced(ORDER_ID, CUSTOMER, EMAIL, LINES, TOTAL, "EUR", OCCURRED_AT);
            case ORDER_PAID ->
                new OrderPaid(ORDER_ID, CUSTOMER, EMAIL, TOTAL, "EUR", Instant.parse("2026-11-25T10:16:02.481Z"));
            case ORDER_SHIPPED ->
                new OrderShipped(
                        ORDER_ID, CUSTOMER, EMAIL, LINES, TOTAL, "EUR", Instant.parse("2026-11-26T14:30:00.250Z"));
            case ORDER_CANCELLED ->
                new OrderCancelled(
                        ORDER_ID,
                        CUSTOMER,
                        EMAIL,
                        "Cancelled at the customer's request before shipping",
                        TOTAL,
                        "EUR",
                        Instant.parse("2026-11-25T11:02:17.900Z"));
        };
    }

    static EventEnvelope envelope(EventType type) {
        return EventEnvelope.of(sample(type), OCCURRED_AT, TRACE_PARENT);
    }
}
