package dev.ordersystem.orders.order;

import dev.ordersystem.events.OrderCancelled;
import dev.ordersystem.events.OrderPaid;
import dev.ordersystem.events.OrderPlaced;
import dev.ordersystem.events.OrderShipped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The order aggregate. Each state-changing method guards the transition, changes the state and returns the event
 * that records it; the caller persists both in one transaction.
 */
public final class Order {

    private final OrderId id;
    private final String customerId;
    private final String customerEmail;
    private final Currency currency;
    private final List<OrderLine> lines;
    private final Instant createdAt;
    private OrderStatus status;
    private @Nullable String cancelReason;
    private Instant updatedAt;

    Order(
            OrderId id,
            String customerId,
            String customerEmail,
            Currency currency,
            List<OrderLine> lines,
            OrderStatus status,
            @Nullable String cancelReason,
            Instant createdAt,
            Instant updatedAt) {
        this.id = Objects.requireNonNull(id);
        this.customerId = Objects.requireNonNull(customerId);
        this.customerEmail = Objects.requireNonNull(customerEmail);
        this.currency = Objects.requireNonNull(currency);
        this.lines = List.copyOf(lines);
        this.status = Objects.requireNonNull(status);
        this.cancelReason = cancelReason;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = Objects.requireNonNull(updatedAt);
    }

    /** Places a new order; the returned pair holds the order and its {@link OrderPlaced} event. */
    static Placed place(OrderId id, NewOrder request, Instant now) {
        var order = new Order(
                id,
                request.customerId(),
                request.customerEmail(),
                request.currency(),
                request.lines(),
                OrderStatus.PLACED,
                null,
                now,
                now);
        var event = new OrderPlaced(
                id.toString(),
                order.customerId,
                order.customerEmail,
                order.eventLines(),
                order.total(),
                order.currency.getCurrencyCode(),
                now);
        return new Placed(order, event);
    }

    record Placed(Order order, OrderPlaced event) {}

    OrderPaid markPaid(Instant now) {
        require(status == OrderStatus.PLACED, "paid");
        moveTo(OrderStatus.PAID, now);
        return new OrderPaid(id.toString(), customerId, customerEmail, total(), currency.getCurrencyCode(), now);
    }

    OrderShipped markShipped(Instant now) {
        require(status == OrderStatus.PAID, "shipped");
        moveTo(OrderStatus.SHIPPED, now);
        return new OrderShipped(
                id.toString(), customerId, customerEmail, eventLines(), total(), currency.getCurrencyCode(), now);
    }

    OrderCancelled cancel(@Nullable String reason, Instant now) {
        require(status == OrderStatus.PLACED || status == OrderStatus.PAID, "cancelled");
        moveTo(OrderStatus.CANCELLED, now);
        cancelReason = reason;
        return new OrderCancelled(
                id.toString(), customerId, customerEmail, reason, total(), currency.getCurrencyCode(), now);
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalTransitionException(id, status, action);
        }
    }

    private void moveTo(OrderStatus next, Instant now) {
        status = next;
        updatedAt = now;
    }

    private List<dev.ordersystem.events.OrderLine> eventLines() {
        return lines.stream()
                .map(line -> new dev.ordersystem.events.OrderLine(
                        line.sku(), line.quantity(), line.unitPrice(), scaled(line.lineTotal())))
                .toList();
    }

    private BigDecimal scaled(BigDecimal amount) {
        return amount.setScale(currency.getDefaultFractionDigits());
    }

    public OrderId id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public String customerEmail() {
        return customerEmail;
    }

    public Currency currency() {
        return currency;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    /** Sum of the line totals, at the currency's scale. */
    public BigDecimal total() {
        return scaled(lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    public OrderStatus status() {
        return status;
    }

    public @Nullable String cancelReason() {
        return cancelReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
