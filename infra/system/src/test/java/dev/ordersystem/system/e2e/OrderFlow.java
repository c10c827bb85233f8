package dev.ordersystem.system.e2e;

import java.util.List;

/**
 * What the load generator does with one order, and so which events (in which order) it must cause: one event per
 * successful REST call.
 */
enum OrderFlow {
    /** create, pay, ship */
    PAY_AND_SHIP(List.of("OrderPlaced", "OrderPaid", "OrderShipped"), "SHIPPED"),
    /** create, cancel */
    CANCEL(List.of("OrderPlaced", "OrderCancelled"), "CANCELLED"),
    /** create, pay, cancel */
    PAY_AND_CANCEL(List.of("OrderPlaced", "OrderPaid", "OrderCancelled"), "CANCELLED");

    private final List<String> eventTypes;
    private final String finalStatus;

    OrderFlow(List<String> eventTypes, String finalStatus) {
        this.eventTypes = eventTypes;
        this.finalStatus = finalStatus;
    }

    /** The events of this flow in the order they happen. */
    List<String> eventTypes() {
        return eventTypes;
    }

    String finalStatus() {
        return finalStatus;
    }

    /** The flow of the {@code index}-th order of a load: half are shipped, a quarter cancelled, a quarter paid then cancelled. */
    static OrderFlow forIndex(int index) {
        return switch (index % 4) {
            case 0, 1 -> PAY_AND_SHIP;
            case 2 -> CANCEL;
            default -> PAY_AND_CANCEL;
        };
    }
}
