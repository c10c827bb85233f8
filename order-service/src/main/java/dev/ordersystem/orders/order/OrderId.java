package dev.ordersystem.orders.order;

import java.util.Objects;
import java.util.UUID;

/** Typed identifier of an order. */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
