package dev.ordersystem.benchmark;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.events.OrderLine;
import dev.ordersystem.events.OrderPlaced;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The order the benchmark places, and the transaction order-service runs for {@code POST /orders}, in plain JDBC: the
 * same {@code insert} statements into {@code orders}, {@code order_lines} (one statement per line, as
 * OrderRepository does) and an outbox table, with the payload built by common-events exactly like OutboxWriter does.
 */
final class OrderRows {

    static final String CURRENCY = "EUR";
    static final String EMAIL = "bench@example.com";

    /** The two lines of every benchmark order (the HTTP body and the JDBC rows are the same order). */
    static final List<OrderLine> LINES = List.of(
            new OrderLine("BOOK-1", 1, new BigDecimal("12.50"), new BigDecimal("12.50")),
            new OrderLine("PEN-7", 2, new BigDecimal("3.99"), new BigDecimal("7.98")));

    static final BigDecimal TOTAL = new BigDecimal("20.48");

    private static final OrderEventJson JSON = new OrderEventJson();

    private OrderRows() {}

    /** The body of {@code POST /orders} for a customer. */
    static byte[] httpBody(String customerId) {
        String lines = LINES.stream()
                .map(line -> "{\"sku\":\"" + line.sku() + "\",\"quantity\":" + line.quantity() + ",\"unitPrice\":"
                        + line.unitPrice() + "}")
                .collect(Collectors.joining(","));
        return ("{\"customerId\":\"" + customerId + "\",\"customerEmail\":\"" + EMAIL + "\",\"currency\":\"" + CURRENCY
                        + "\",\"lines\":[" + lines + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The order in words, for the report. */
    static String description() {
        return "POST /orders with " + LINES.size() + " lines ("
                + LINES.stream()
                        .map(line -> line.sku() + " x" + line.quantity() + " at " + line.unitPrice())
                        .collect(Collectors.joining(", "))
                + "), " + CURRENCY + "; one OrderPlaced event per order";
    }

    /** A random W3C traceparent, as order-service starts one for a request without it. */
    static String traceParent() {
        var random = ThreadLocalRandom.current();
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        random.nextBytes(traceId);
        random.nextBytes(spanId);
        return "00-" + HexFormat.of().formatHex(traceId) + "-" + HexFormat.of().formatHex(spanId) + "-01";
    }

    /** Writes orders with their outbox event into {@code outboxTable} ({@code outbox} or a copy of it). */
    static final class Writer implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement orders;
        private final PreparedStatement lines;
        private final PreparedStatement outbox;

        Writer(Connection connection, String outboxTable) throws SQLException {
            this.connection = connection;
            this.orders = connection.prepareStatement(
                    "insert into orders (id, customer_id, customer_email, currency, total, status, cancel_reason,"
                            + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            this.lines = connection.prepareStatement(
                    "insert into order_lines (order_id, line_no, sku, quantity, unit_price) values (?, ?, ?, ?, ?)");
            this.outbox = connection.prepareStatement("insert into " + outboxTable
                    + " (id, aggregate_type, aggregate_id, type, payload, trace_parent, created_at)"
                    + " values (?, ?, ?, ?, cast(? as jsonb), ?, ?)");
        }

        /** One order in its own transaction, statement by statement like order-service; returns the event id. */
        UUID placeOne(String customerId) throws SQLException {
            try {
                UUID eventId = bind(customerId, false);
                connection.commit();
                return eventId;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }

        /** {@code count} orders in one transaction with batched statements (for backlogs); returns the event ids. */
        List<UUID> placeBatch(String customerId, int count) throws SQLException {
            List<UUID> ids = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    ids.add(bind(customerId, true));
                }
                orders.executeBatch();
                lines.executeBatch();
                outbox.executeBatch();
                connection.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }

        private UUID bind(String customerId, boolean batch) throws SQLException {
            UUID orderId = UUID.randomUUID();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Timestamp at = Timestamp.from(now);
            orders.setObject(1, orderId);
            orders.setString(2, customerId);
            orders.setString(3, EMAIL);
            orders.setString(4, CURRENCY);
            orders.setBigDecimal(5, TOTAL);
            orders.setString(6, "PLACED");
            orders.setString(7, null);
            orders.setTimestamp(8, at);
            orders.setTimestamp(9, at);
            execute(orders, batch);
            int lineNo = 0;
            for (OrderLine line : LINES) {
                lines.setObject(1, orderId);
                lines.setInt(2, ++lineNo);
                lines.setString(3, line.sku());
                lines.setInt(4, line.quantity());
                lines.setBigDecimal(5, line.unitPrice());
                execute(lines, batch);
            }
            OrderPlaced event = new OrderPlaced(orderId.toString(), customerId, EMAIL, LINES, TOTAL, CURRENCY, now);
            EventEnvelope envelope = EventEnvelope.of(event, now, traceParent());
            outbox.setObject(1, envelope.eventId());
            outbox.setString(2, "order");
            outbox.setString(3, envelope.aggregateId());
            outbox.setString(4, envelope.eventType());
            outbox.setString(5, JSON.write(envelope));
            outbox.setString(6, envelope.traceParent());
            outbox.setTimestamp(7, at);
            execute(outbox, batch);
            return envelope.eventId();
        }

        private static void execute(PreparedStatement statement, boolean batch) throws SQLException {
            if (batch) {
                statement.addBatch();
            } else {
                statement.executeUpdate();
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
