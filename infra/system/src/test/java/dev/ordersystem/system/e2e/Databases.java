package dev.ordersystem.system.e2e;

import dev.ordersystem.localstack.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Read-only SQL on the two services' databases: what was stored, to be compared with what the API acknowledged and
 * what is on the topic. Each call opens and closes its own connection.
 */
final class Databases {

    /** A row of {@code outbox} in {@code orders}: an event the order service committed. */
    record OutboxEvent(UUID eventId, String orderId, String type, String payload) {}

    /** A row of {@code notifications} in {@code notifications}. */
    record NotificationRow(
            UUID id,
            long seq,
            UUID eventId,
            String eventType,
            String customerId,
            String orderId,
            String recipient,
            Instant occurredAt,
            Instant createdAt) {}

    private final LocalStack stack;

    Databases(LocalStack stack) {
        this.stack = stack;
    }

    /** Orders of customers whose id starts with {@code prefix}: id to status. */
    Map<String, String> orders(String prefix) {
        Map<String, String> orders = new HashMap<>();
        query(
                "orders",
                "select id::text, status from orders where customer_id like ?",
                List.of(prefix + "%"),
                rs -> orders.put(rs.getString(1), rs.getString(2)));
        return orders;
    }

    /** Outbox rows of the orders of customers whose id starts with {@code prefix}. */
    List<OutboxEvent> outbox(String prefix) {
        List<OutboxEvent> events = new ArrayList<>();
        query(
                "orders",
                "select x.id, x.aggregate_id, x.type, x.payload::text from outbox x"
                        + " join orders o on o.id::text = x.aggregate_id where o.customer_id like ?",
                List.of(prefix + "%"),
                rs -> events.add(new OutboxEvent(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4))));
        return events;
    }

    /** Notifications of customers whose id starts with {@code prefix}. */
    List<NotificationRow> notifications(String prefix) {
        List<NotificationRow> rows = new ArrayList<>();
        query(
                "notifications",
                "select id, seq, event_id, event_type, customer_id, order_id, recipient, occurred_at, created_at"
                        + " from notifications"
                        + " where customer_id like ? order by seq",
                List.of(prefix + "%"),
                rs -> rows.add(new NotificationRow(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant())));
        return rows;
    }

    /** Number of notifications of customers whose id starts with {@code prefix}. */
    long notificationCount(String prefix) {
        return count("notifications", "select count(*) from notifications where customer_id like ?", prefix + "%");
    }

    /** Every event id in {@code processed_events}. */
    Set<UUID> processedEventIds() {
        Set<UUID> ids = new HashSet<>();
        query(
                "notifications",
                "select event_id from processed_events",
                List.of(),
                rs -> ids.add(rs.getObject(1, UUID.class)));
        return ids;
    }

    /** Email delivery status per notification of customers whose id starts with {@code prefix}. */
    Map<UUID, String> emailStatuses(String prefix) {
        Map<UUID, String> statuses = new HashMap<>();
        query(
                "notifications",
                "select d.notification_id, d.status from email_deliveries d"
                        + " join notifications n on n.id = d.notification_id where n.customer_id like ?",
                List.of(prefix + "%"),
                rs -> statuses.put(rs.getObject(1, UUID.class), rs.getString(2)));
        return statuses;
    }

    /** A single number from {@code sql} (one {@code ?} parameter per argument). */
    long count(String database, String sql, Object... args) {
        long[] result = new long[1];
        query(database, sql, List.of(args), rs -> result[0] = rs.getLong(1));
        return result[0];
    }

    /** Runs {@code sql} (DDL, or a change whose count does not matter) on {@code database}. */
    void execute(String database, String sql) {
        try (Connection connection =
                        DriverManager.getConnection(stack.jdbcUrl(database), stack.username(), stack.password());
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Statement on " + database + " failed: " + sql, e);
        }
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String database, String sql, List<Object> args, RowHandler handler) {
        try (Connection connection =
                        DriverManager.getConnection(stack.jdbcUrl(database), stack.username(), stack.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query on " + database + " failed: " + sql, e);
        }
    }
}
