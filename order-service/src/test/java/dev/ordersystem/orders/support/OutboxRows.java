package dev.ordersystem.orders.support;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.OrderEvent;
import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.events.OrderLine;
import dev.ordersystem.events.OrderPaid;
import dev.ordersystem.events.OrderPlaced;
import dev.ordersystem.events.OrderShipped;
import dev.ordersystem.localstack.LocalStack;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes outbox rows the way {@code OutboxWriter} does, but straight over JDBC and in batches, for tests that need
 * thousands of events or rows with a chosen {@code created_at}. The payloads are real envelopes of common-events.
 */
public final class OutboxRows {

    private static final OrderEventJson JSON = new OrderEventJson();

    private final String jdbcUrl;
    private final String username;
    private final String password;

    /** On the stack's {@code orders} database. */
    public OutboxRows(LocalStack stack) {
        this.jdbcUrl = stack.jdbcUrl("orders");
        this.username = stack.username();
        this.password = stack.password();
    }

    /** The three events of one order's life (placed, paid, shipped), in that order. */
    public static List<EventEnvelope> lifeOfAnOrder(@Nullable String traceParent) {
        String orderId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        BigDecimal total = new BigDecimal("25.00");
        var line = new OrderLine("BOOK-1", 2, new BigDecimal("12.50"), total);
        List<OrderEvent> events = List.of(
                new OrderPlaced(orderId, "relay-test", "relay-test@example.com", List.of(line), total, "EUR", now),
                new OrderPaid(orderId, "relay-test", "relay-test@example.com", total, "EUR", now),
                new OrderShipped(orderId, "relay-test", "relay-test@example.com", List.of(line), total, "EUR", now));
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (OrderEvent event : events) {
            envelopes.add(EventEnvelope.of(event, now, traceParent));
        }
        return envelopes;
    }

    /**
     * Writes the lives of {@code orders} new orders the way the API does: each step its own transaction (all orders
     * placed, then all paid, then all shipped), so that per order {@code seq} order is commit order.
     *
     * @return the events in the order they were written
     */
    public List<EventEnvelope> insertLives(int orders) {
        List<List<EventEnvelope>> lives = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            lives.add(lifeOfAnOrder(null));
        }
        List<EventEnvelope> written = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            List<EventEnvelope> transaction = new ArrayList<>();
            for (List<EventEnvelope> life : lives) {
                transaction.add(life.get(step));
            }
            insert(transaction);
            written.addAll(transaction);
        }
        return written;
    }

    /** Inserts the events in one transaction, in list order. */
    public void insert(List<EventEnvelope> envelopes) {
        insert(envelopes, null);
    }

    /** Inserts the events in one transaction, in list order, with {@code created_at} = {@code createdAt} if given. */
    public void insert(List<EventEnvelope> envelopes, @Nullable Instant createdAt) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password)) {
            connection.setAutoCommit(false);
            insert(connection, envelopes, createdAt);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not insert outbox rows", e);
        }
    }

    /** Inserts the events through {@code connection}, in its transaction (committing is the caller's business). */
    public static void insert(Connection connection, List<EventEnvelope> envelopes, @Nullable Instant createdAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into outbox (id, aggregate_type, aggregate_id, type, payload, trace_parent, created_at)"
                        + " values (?, 'order', ?, ?, cast(? as jsonb), ?, ?)")) {
            for (EventEnvelope envelope : envelopes) {
                insert.setObject(1, envelope.eventId());
                insert.setString(2, envelope.aggregateId());
                insert.setString(3, envelope.eventType());
                insert.setString(4, JSON.write(envelope));
                insert.setString(5, envelope.traceParent());
                insert.setTimestamp(6, Timestamp.from(createdAt != null ? createdAt : envelope.occurredAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
