package dev.ordersystem.events;

/**
 * An immutable fact about an order, published once per state change. Each permitted subtype is a record of
 * plain values with its own wire name and schema (see {@link EventType}).
 */
public sealed interface OrderEvent permits OrderPlaced, OrderPaid, OrderShipped, OrderCancelled {

    /** The order the event is about; also the envelope's {@code aggregateId} and the Kafka record key. */
    String orderId();

    String customerId();

    /** Where the notification service sends the customer's email. */
    String customerEmail();
}
