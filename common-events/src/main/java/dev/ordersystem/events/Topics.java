package dev.ordersystem.events;

/**
 * Names of the Kafka topics the services share. The order service owns (creates) {@link #ORDER_EVENTS} and its
 * relay's {@link #RELAY_OFFSETS}; the notification service owns {@link #ORDER_EVENTS_DEAD_LETTERS}.
 */
public final class Topics {

    /** Every order event, keyed by order id, so the events of one order stay in one partition and in order. */
    public static final String ORDER_EVENTS = "orders.events";

    /** Records of {@link #ORDER_EVENTS} that failed for good in the notification service. */
    public static final String ORDER_EVENTS_DEAD_LETTERS = "orders.events.DLT";

    /** Compacted topic holding the order service relay's position in the write-ahead log. */
    public static final String RELAY_OFFSETS = "orders.relay.offsets";

    private Topics() {}
}
