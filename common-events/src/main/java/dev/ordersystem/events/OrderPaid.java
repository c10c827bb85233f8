package dev.ordersystem.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** Payment for an order was captured. Wire name {@code OrderPaid}. */
public record OrderPaid(
        String orderId, String customerId, String customerEmail, BigDecimal total, String currency, Instant paidAt)
        implements OrderEvent {

    public OrderPaid {
        Objects.requireNonNull(orderId, "orderId must not be null");
        Objects.requireNonNull(customerId, "customerId must not be null");
        Objects.requireNonNull(customerEmail, "customerEmail must not be null");
        Objects.requireNonNull(total, "total must not be null");
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(paidAt, "paidAt must not be null");
    }
}
