package dev.ordersystem.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An order left the warehouse. Wire name {@code OrderShipped}. */
public record OrderShipped(
        String orderId,
        String customerId,
        String customerEmail,
        List<OrderLine> lines,
        BigDecimal total,
        String currency,
        Instant shippedAt)
        implements OrderEvent {

    public OrderShipped {
        Objects.requireNonNull(orderId, "orderId must not be null");
        Objects.requireNonNull(customerId, "customerId must not be null");
        Objects.requireNonNull(customerEmail, "customerEmail must not be null");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines must not be null"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("lines must not be empty");
        }
        Objects.requireNonNull(total, "total must not be null");
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(shippedAt, "shippedAt must not be null");
    }
}
