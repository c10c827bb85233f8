package dev.ordersystem.orders.order.web;

import dev.ordersystem.orders.order.Order;
import dev.ordersystem.orders.order.OrderPage;
import dev.ordersystem.orders.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An order as the API shows it. */
@Schema(name = "Order")
record OrderResponse(
        @Schema(example = "3f1c2a9e-5b7d-4c1e-9a0b-2d6f8e4c7a15")
        UUID id,

        @Schema(example = "ada") String customerId,
        @Schema(example = "ada@example.com") String customerEmail,
        @Schema(description = "ISO 4217", example = "EUR") String currency,
        @Schema(implementation = OrderStatus.class) String status,
        List<Line> lines,
        @Schema(example = "28.99") BigDecimal total,

        @Schema(nullable = true, description = "Why it was cancelled, if it was and a reason was given") @Nullable
        String cancelReason,

        @Schema(example = "2026-11-29T10:15:30.123Z") Instant createdAt,
        @Schema(example = "2026-11-29T10:15:30.123Z") Instant updatedAt) {

    @Schema(name = "OrderLine")
    record Line(
            @Schema(example = "BOOK-1") String sku,
            @Schema(example = "2") int quantity,
            @Schema(example = "12.50") BigDecimal unitPrice,
            @Schema(example = "25.00") BigDecimal lineTotal) {}

    @Schema(name = "OrderPage")
    record Page(
            List<OrderResponse> content,
            @Schema(description = "0-based") int page,
            int size,
            long totalElements,
            long totalPages) {

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
