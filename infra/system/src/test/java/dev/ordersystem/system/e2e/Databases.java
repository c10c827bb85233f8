package dev.ordersystem.system.e2e;

import dev.ordersystem.localstack.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
        return toMap(query(
                "orders",
                "select id::text, status from orders where customer_id like ?",
                List.of(prefix + "%"),
                rs -> Map.entry(rs.getString(1), rs.getString(2))));
    }

    /** Outbox rows of the orders of customers whose id starts with {@code prefix}. */
    List<OutboxEvent> outbox(String prefix) {
        return query(
                "orders",
                "select x.id, x.aggregate_id, x.type, x.payload::text from outbox x"
                        + " join orders o on o.id::text = x.aggregate_id where o.customer_id like ?",
                List.of(prefix + "%"),
                rs -> new OutboxEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    /** Notifications of customers whose id starts with {@code prefix}. */
    List<NotificationRow> notifications(String prefix) {
        return query(
                "notifications",
                "select id, seq, event_id, event_type, customer_id, order_id, recipient, occurred_at, created_at"
                        + " from notifications"
                        + " where customer_id like ? order by seq",
                List.of(prefix + "%"),
                rs -> new NotificationRow(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant()));
    }

    /** Number of notifications of customers whose id starts with {@code prefix}. */
    long notificationCount(String prefix) {
        return count("notifications", "select count(*) from notifications where customer_id like ?", prefix + "%");
    }

    /** Every event id in {@code processed_events}. */
    Set<UUID> processedEventIds() {
        return Set.copyOf(query(
                "notifications",
                "select event_id from processed_events",
                List.of(),
                rs -> rs.getObject(1, UUID.class)));
    }

    /** Email delivery status per notification of customers whose id starts with {@code prefix}. */
    Map<UUID, String> emailStatuses(String prefix) {
        return toMap(query(
                "notifications",
                "select d.notification_id, d.status from email_deliveries d"
                        + " join notifications n on n.id = d.notification_id where n.customer_id like ?",
                List.of(prefix + "%"),
                rs -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))));
    }

    /** A single number from {@code sql} (one {@code ?} parameter per argument). */
    long count(String database, String sql, Object... args) {
        return query(database, sql, List.of(args), rs -> rs.getLong(1)).get(0);
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

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String database, String sql, List<Object> args, RowMapper<T> mapper) {
        try (Connection connection =
                        DriverManager.getConnection(stack.jdbcUrl(database), stack.username(), stack.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query on " + database + " failed: " + sql, e);
        }
    }

    private static <K, V> Map<K, V> toMap(List<Map.Entry<K, V>> entries) {
        return entries.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
