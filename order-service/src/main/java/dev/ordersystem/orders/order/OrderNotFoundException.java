package dev.ordersystem.orders.order;

/** No order has the given id. */
public class OrderNotFoundException extends RuntimeException {

    private final OrderId orderId;

    public OrderNotFoundException(OrderId orderId) {
        super("Order " + orderId + " does not exist");
        this.orderId = orderId;
    }

    public OrderId orderId() {
        return orderId;
    }
}
