package dev.ordersystem.orders.order;

import java.util.Currency;
import java.util.List;

/** A validated request to place an order. */
public record NewOrder(String customerId, String customerEmail, Currency currency, List<OrderLine> lines) {

    public NewOrder {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
    }
}
