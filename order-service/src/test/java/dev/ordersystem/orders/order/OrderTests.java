package dev.ordersystem.orders.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTests {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static Order placed() {
        var request = new NewOrder(
                "c-1",
                "c1@example.com",
                Currency.getInstance("EUR"),
                List.of(
                        new OrderLine("BOOK-1", 2, new BigDecimal("12.50")),
                        new OrderLine("PEN-7", 3, new BigDecimal("0.33"))));
        return Order.place(OrderId.random(), request, T0).order();
    }

    @Test
    void placingComputesTotalAtCurrencyScaleAndRecordsOrderPlaced() {
        var request = new NewOrder(
                "c-1",
                "c1@example.com",
                Currency.getInstance("EUR"),
                List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))));

        var placed = Order.place(OrderId.random(), request, T0);

        assertThat(placed.order().status()).isEqualTo(OrderStatus.PLACED);
        assertThat(placed.order().total()).isEqualTo(new BigDecimal("25.00"));
        assertThat(placed.event().orderId()).isEqualTo(placed.order().id().toString());
        assertThat(placed.event().lines().get(0).lineTotal()).isEqualTo(new BigDecimal("25.00"));
        assertThat(placed.event().placedAt()).isEqualTo(T0);
    }

    @Test
    void paidOrderCanBeShipped() {
        Order order = placed();

        var paid = order.markPaid(T1);
        var shipped = order.markShipped(T1);

        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(paid.total()).isEqualTo(new BigDecimal("25.99"));
        assertThat(shipped.shippedAt()).isEqualTo(T1);
        assertThat(order.updatedAt()).isEqualTo(T1);
    }

    @Test
    void placedAndPaidOrdersCanBeCancelled() {
        Order placed = placed();
        Order paid = placed();
        paid.markPaid(T1);

        assertThat(placed.cancel("too slow", T1).reason()).isEqualTo("too slow");
        assertThat(paid.cancel(null, T1).reason()).isNull();
        assertThat(placed.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(placed.cancelReason()).isEqualTo("too slow");
    }

    @Test
    void rejectsShippingAnUnpaidOrder() {
        Order order = placed();

        assertThatThrownBy(() -> order.markShipped(T1))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("PLACED");
        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
    }

    @Test
    void rejectsPaymentOfCancelledOrder() {
        Order order = placed();
        order.cancel(null, T1);

        assertThatThrownBy(() -> order.markPaid(T1)).isInstanceOf(IllegalTransitionException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void rejectsCancellingShippedOrderAndPayingTwice() {
        Order order = placed();
        order.markPaid(T1);

        assertThatThrownBy(() -> order.markPaid(T1)).isInstanceOf(IllegalTransitionException.class);
        order.markShipped(T1);
        assertThatThrownBy(() -> order.cancel("late", T1)).isInstanceOf(IllegalTransitionException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
    }
}
