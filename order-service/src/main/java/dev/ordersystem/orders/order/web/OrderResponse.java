package dev.ordersystem.orders.order.web;

import dev.ordersystem.orders.order.Order;
import dev.ordersystem.orders.order.OrderPage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An order as the API shows it. */
record OrderResponse(
        UUID id,
        String customerId,
        String customerEmail,
        String currency,
        String status,
        List<Line> lines,
        BigDecimal total,
        @Nullable String cancelReason,
        Instant createdAt,
        Instant updatedAt) {

    record Line(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {}

    record Page(List<OrderResponse> content, int page, int size, long totalElements, long totalPages) {

        static Page from(OrderPage page) {
            return new Page(
                    page.content().stream().map(OrderResponse::from).toList(),
                    page.page(),
                    page.size(),
                    page.totalElements(),
                    page.totalPages());
        }
    }

    static OrderResponse from(Order order) {
        int scale = order.currency().getDefaultFractionDigits();
        return new OrderResponse(
                order.id().value(),
                order.customerId(),
                order.customerEmail(),
                order.currency().getCurrencyCode(),
                order.status().name(),
                order.lines().stream()
                        .map(line -> new Line(
                                line.sku(),
                                line.quantity(),
                                line.unitPrice(),
                                line.lineTotal().setScale(scale)))
                        .toList(),
                order.total(),
                order.cancelReason(),
                order.createdAt(),
                order.updatedAt());
    }
}
