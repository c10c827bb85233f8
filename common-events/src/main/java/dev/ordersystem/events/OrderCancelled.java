package dev.ordersystem.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An order was cancelled. Wire name {@code OrderCancelled}.
 *
 * @param reason why, in words fit for the customer; {@code null} when none was given
 */
public record OrderCancelled(
        String orderId,
        String customerId,
        String customerEmail,
        @Nullable String reason,
        BigDecimal total,
        String currency,
        Instant cancelledAt)
        implements OrderEvent {

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId must not be null");
        Objects.requireNonNull(customerId, "customerId must not be null");
        Objects.requireNonNull(customerEmail, "customerEmail must not be null");
        Objects.requireNonNull(total, "total must not be null");
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(cancelledAt, "cancelledAt must not be null");
    }
}
