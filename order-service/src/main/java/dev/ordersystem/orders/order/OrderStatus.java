package dev.ordersystem.orders.order;

/** Lifecycle of an order: {@code PLACED → PAID → SHIPPED}, and {@code PLACED|PAID → CANCELLED}. */
public enum OrderStatus {
    PLACED,
    PAID,
    SHIPPED,
    CANCELLED
}
