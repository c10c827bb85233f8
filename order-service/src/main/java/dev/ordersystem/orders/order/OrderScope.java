package dev.ordersystem.orders.order;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The orders a caller may reach: every order, or only one customer's. An order outside the scope is treated as if it
 * did not exist, so that its id cannot be probed.
 */
public final class OrderScope {

    /** Every order: staff and the machine clients. */
    public static final OrderScope ALL = new OrderScope(null);

    private final @Nullable String customerId;

    private OrderScope(@Nullable String customerId) {
        this.customerId = customerId;
    }

    /** The orders of this customer only. */
    public static OrderScope ownedBy(String customerId) {
        return new OrderScope(Objects.requireNonNull(customerId));
    }

    boolean includes(Order order) {
        return customerId == null || customerId.equals(order.customerId());
    }

    @Override
    public String toString() {
        return customerId == null ? "all orders" : "orders of " + customerId;
    }
}
