package dev.ordersystem.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A customer placed an order. Wire name {@code OrderPlaced}. */
public record OrderPlaced(
        String orderId,
        String customerId,
        String customerEmail,
        List<OrderLine> lines,
        BigDecimal total,
        String currency,
        Instant placedAt)
        implements OrderEvent {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId must not be null");
        Objects.requireNonNull(customerId, "customerId must not be null");
        Objects.requireNonNull(customerEmail, "customerEmail must not be null");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines must not be null"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("lines must not be empty");
        }
        Objects.requireNonNull(total, "total must not be null");
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(placedAt, "placedAt must not be null");
    }
}
