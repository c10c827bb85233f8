package dev.ordersystem.orders.order;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.OrderEvent;
import dev.ordersystem.orders.outbox.OutboxWriter;
import dev.ordersystem.web.TraceParents;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use cases of the order aggregate. Every state change saves the order and appends its event to the outbox in the
 * same transaction; nothing here talks to Kafka. The event carries the trace context of the span that runs the change
 * (the HTTP request's), so that its publication and its consumers continue that trace.
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final OrderRepository orders;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final Tracer tracer;

    OrderService(OrderRepository orders, OutboxWriter outbox, Clock clock, Tracer tracer) {
        this.orders = orders;
        this.outbox = outbox;
        this.clock = clock;
        this.tracer = tracer;
    }

    @Transactional
    public Order place(NewOrder request) {
        Instant now = now();
        Order.Placed placed = Order.place(OrderId.random(), request, now);
        orders.insert(placed.order());
        record(placed.event(), now);
        return placed.order();
    }

    @Transactional
    public Order pay(OrderId id) {
        return transition(id, OrderScope.ALL, (order, now) -> order.markPaid(now));
    }

    @Transactional
    public Order ship(OrderId id) {
        return transition(id, OrderScope.ALL, (order, now) -> order.markShipped(now));
    }

    /** Cancels an order within the scope; one outside it is not found. */
    @Transactional
    public Order cancel(OrderId id, OrderScope scope, @Nullable String reason) {
        return transition(id, scope, (order, now) -> order.cancel(reason, now));
    }

    /** An order within the scope; one outside it is not found, exactly like a missing one. */
    @Transactional(readOnly = true)
    public Order get(OrderId id, OrderScope scope) {
        return orders.find(id).filter(scope::includes).orElseThrow(() -> new OrderNotFoundException(id));
    }

    @Transactional(readOnly = true)
    public OrderPage search(@Nullable String customerId, @Nullable OrderStatus status, int page, int size) {
        List<Order> content = orders.search(customerId, status, Math.multiplyExact(page, size), size);
        return new OrderPage(content, page, size, orders.count(customerId, status));
    }

    private Order transition(OrderId id, OrderScope scope, BiFunction<Order, Instant, OrderEvent> change) {
        Order order =
                orders.findForUpdate(id).filter(scope::includes).orElseThrow(() -> new OrderNotFoundException(id));
        Instant now = now();
        OrderEvent event = change.apply(order, now);
        orders.updateStatus(order);
        record(event, now);
        return order;
    }

    private void record(OrderEvent event, Instant now) {
        EventEnvelope envelope = EventEnvelope.of(event, now, TraceParents.current(tracer));
        outbox.append(envelope);
        log.info("Order {} -> {} (event {})", event.orderId(), envelope.eventType(), envelope.eventId());
    }

    /** Microsecond precision: what PostgreSQL stores, so the event and the row agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
