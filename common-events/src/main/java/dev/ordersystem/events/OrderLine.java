package dev.ordersystem.events;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an order. Money amounts keep their scale: {@code 12.50} stays {@code 12.50} on the wire.
 *
 * @param quantity at least 1
 */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku must not be null");
        Objects.requireNonNull(unitPrice, "unitPrice must not be null");
        Objects.requireNonNull(lineTotal, "lineTotal must not be null");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1 but was " + quantity);
        }
    }
}
