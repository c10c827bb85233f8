package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The outbox every order-service instance writes and the CDC relay publishes. */
    static final String OUTBOX = "outbox";

    static final String POLLING_OUTBOX = "outbox_polling";

    private static final String ORDERS = "orders";
    private static final String NOTIFICATIONS = "notifications";

    private final LocalStack stack;

    Database(LocalStack stack) {
        this.stack = stack;
    }

    /** The commit time (µs since the epoch) of the transaction that wrote a row of {@code table} (a name or alias). */
    static String commitMicros(String table) {
        return "(extract(epoch from pg_xact_commit_timestamp(" + table + ".xmin)) * 1000000)::bigint";
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.username(), stack.password());
    }

    /** A new connection to the orders database that commits only when told to. */
    Connection transactions() throws SQLException {
        Connection connection = connect(ORDERS);
        connection.setAutoCommit(false);
        return connection;
    }

    /** Writes orders with their events into {@code outboxTable} on a new connection. */
    OrderRows.Writer orderWriter(String outboxTable) throws SQLException {
        return new OrderRows.Writer(transactions(), outboxTable);
    }

    String version() throws SQLException {
        try (Connection c = connect(ORDERS);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Server settings that shape the figures. */
    Map<String, String> settings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = connect(ORDERS);
                Statement s = c.createStatement()) {
            for (String name : List.of(
                    "track_commit_timestamp",
                    "synchronous_commit",
                    "fsync",
                    "full_page_writes",
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

    private void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Empties the order tables (orders, lines, outbox and the polling outbox if it exists). */
    void truncateOrders() throws SQLException {
        execute(ORDERS, "truncate orders, order_lines, " + OUTBOX);
        execute(ORDERS, "drop table if exists " + POLLING_OUTBOX);
    }

    /** A copy of {@code outbox} (columns, defaults, indexes) that the CDC relay's publication does not cover. */
    void createPollingOutbox() throws SQLException {
        execute(ORDERS, "create table if not exists " + POLLING_OUTBOX + " (like " + OUTBOX + " including all)");
    }

    long outboxRows() throws SQLException {
        return count(ORDERS, "select count(*) from " + OUTBOX);
    }

    long notifications() throws SQLException {
        return count(NOTIFICATIONS, "select count(*) from notifications");
    }

    private long count(String database, String sql) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * CPU time (user + system) PostgreSQL has taken so far: its postmaster, the backends it has reaped and every live
     * process under it.
     */
    double cpuSeconds() throws SQLException, IOException {
        return Machine.cpuSeconds(postmasterPid(), true);
    }

    /** The pid of PostgreSQL's postmaster: the first line of {@code postmaster.pid} in the data directory. */
    long postmasterPid() throws SQLException, IOException {
        String dataDirectory;
        try (Connection c = connect(ORDERS);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show data_directory")) {
            rs.next();
            dataDirectory = rs.getString(1);
        }
        return Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid"))
                .get(0)
                .trim());
    }

    /** One outbox row as the relay reads it, for the size of the raw producer's records. */
    OutboxRow sampleOutboxRow() throws SQLException {
        try (Connection c = connect(ORDERS);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select " + OutboxRow.COLUMNS + " from " + OUTBOX + " limit 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("The outbox is empty: no row to copy the record size from");
            }
            return OutboxRow.read(rs);
        }
    }

    /** Event id to commit time (µs) of the outbox rows of the orders of one customer. */
    Map<UUID, Long> outboxCommitsOfCustomer(String customerId) throws SQLException {
        String sql = "select ob.id, " + commitMicros("ob") + " from orders o join " + OUTBOX
                + " ob on ob.aggregate_id = o.id::text where o.customer_id = ?";
        Map<UUID, Long> commits = new HashMap<>();
        try (Connection c = connect(ORDERS);
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

    /** Event id to commit time (µs) of the notifications created for the given events. */
    Map<UUID, Long> notificationCommits(Collection<UUID> eventIds) throws SQLException {
        String sql = "select n.event_id, " + commitMicros("n") + " from notifications n where n.event_id = any(?)";
        Map<UUID, Long> commits = new HashMap<>();
        try (Connection c = connect(NOTIFICATIONS);
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
