package dev.ordersystem.orders.order;

/** An order cannot move from its current status with the requested action. */
public class IllegalTransitionException extends RuntimeException {

    private final OrderId orderId;
    private final OrderStatus status;
    private final String action;

    IllegalTransitionException(OrderId orderId, OrderStatus status, String action) {
        super("Order " + orderId + " is " + status + " and cannot be " + action);
        this.orderId = orderId;
        this.status = status;
        this.action = action;
    }

    public OrderId orderId() {
        return orderId;
    }

    public OrderStatus status() {
        return status;
    }

    public String action() {
        return action;
    }
}
