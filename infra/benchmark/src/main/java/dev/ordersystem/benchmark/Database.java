package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark's SQL: set-up, and the commit timestamps every latency starts or ends with. A commit time is {@code
 * pg_xact_commit_timestamp(xmin)} of a row: the time PostgreSQL recorded for the commit of the transaction that wrote
 * it (needs {@code track_commit_timestamp=on}, which the local stack sets). It is the same timestamp Debezium reports
 * as the source's {@code ts_usec}, from the same commit record.
 */
final class Database {

    static final String POLLING_OUTBOX = "outbox_polling";

    private static final String COMMIT_MICROS =
            "(extract(epoch from pg_xact_commit_timestamp(%s.xmin)) * 1000000)::bigint";

    private final LocalStack stack;

    Database(LocalStack stack) {
        this.stack = stack;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.username(), stack.password());
    }

    String version() throws SQLException {
        try (Connection c = connect("orders");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Server settings that shape the figures. */
    Map<String, String> settings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = connect("orders");
                Statement s = c.createStatement()) {
            for (String name : List.of(
                    "track_commit_timestamp",
                    "synchronous_commit",
                    "fsync",
                    "wal_level",
                    "shared_buffers",
                    "max_connections")) {
                try (ResultSet rs = s.executeQuery("show " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        }
        return settings;
    }

    void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Empties the order tables (orders, lines, outbox and the polling outbox if it exists). */
    void truncateOrders() throws SQLException {
        execute("orders", "truncate orders, order_lines, outbox");
        execute("orders", "drop table if exists " + POLLING_OUTBOX);
    }

    /** A copy of {@code outbox} (columns, defaults, indexes) that the CDC relay's publication does not cover. */
    void createPollingOutbox() throws SQLException {
        execute("orders", "create table if not exists " + POLLING_OUTBOX + " (like outbox including all)");
    }

    long count(String database, String sql) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One outbox row's key, payload and trace parent as the relay reads them, for the raw producer's records. */
    String[] sampleOutboxRow() throws SQLException {
        try (Connection c = connect("orders");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select id::text, aggregate_id, type, payload::text, trace_parent from outbox limit 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("The outbox is empty: no row to copy the record size from");
            }
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)};
        }
    }

    /** Event id to commit time (µs) of the outbox rows of the orders of one customer. */
    Map<UUID, Long> outboxCommitsOfCustomer(String customerId) throws SQLException {
        String sql = "select ob.id, " + COMMIT_MICROS.formatted("ob")
                + " from orders o join outbox ob on ob.aggregate_id = o.id::text where o.customer_id = ?";
        Map<UUID, Long> commits = new HashMap<>();
        try (Connection c = connect("orders");
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, customerId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    commits.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return commits;
    }

    /** Event id to commit time (µs) of the given outbox rows. */
    Map<UUID, Long> outboxCommits(Collection<UUID> eventIds) throws SQLException {
        return commits(
                "orders",
                "select o.id, " + COMMIT_MICROS.formatted("o") + " from outbox o where o.id = any(?)",
                eventIds);
    }

    /** Event id to commit time (µs) of the notifications created for the given events. */
    Map<UUID, Long> notificationCommits(Collection<UUID> eventIds) throws SQLException {
        return commits(
                "notifications",
                "select n.event_id, " + COMMIT_MICROS.formatted("n")
                        + " from notifications n where n.event_id = any(?)",
                eventIds);
    }

    private Map<UUID, Long> commits(String database, String sql, Collection<UUID> eventIds) throws SQLException {
        Map<UUID, Long> commits = new HashMap<>();
        try (Connection c = connect(database);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    commits.putIfAbsent(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return commits;
    }
}
