package dev.ordersystem.orders.relay;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's leader lease: a PostgreSQL session-level advisory lock, held on a dedicated connection that is not part
 * of the application's pool. PostgreSQL releases the lock when that session ends, so a leader that dies (or loses its
 * connection) gives the lease up at once, and a standby that polls {@link #tryAcquire()} takes it over.
 *
 * <p>The connection's {@code application_name} is {@code order-relay:<instanceId>}, so any session can see who leads
 * by joining {@code pg_locks} with {@code pg_stat_activity} (see {@link SlotInspector#leader()}).
 *
 * <p>Used by the relay's loop thread; {@link #release()} may also be called while shutting down, hence synchronised.
 */
final class LeaderLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    private final RelayDatabase database;
    private final String applicationName;
    private final long key;
    private @Nullable Connection connection;
    private boolean held;

    LeaderLease(RelayDatabase database, String instanceId, long key) {
        this.database = database;
        this.applicationName = applicationName(instanceId);
        this.key = key;
    }

    /** {@code order-relay:<instanceId>}, cut to PostgreSQL's 63 characters. */
    static String applicationName(String instanceId) {
        String name = "order-relay:" + instanceId;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** The advisory lock key of a relay: one per replication slot, in {@code [0, 2^32)}. */
    static long keyFor(String slotName) {
        CRC32 crc = new CRC32();
        crc.update(("order-relay/" + slotName).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /**
     * Takes the lease if no other session holds it.
     *
     * @return whether this instance holds the lease now
     * @throws SQLException if the database cannot be reached
     */
    synchronized boolean tryAcquire() throws SQLException {
        if (held) {
            return true;
        }
        Connection c = connection();
        try (PreparedStatement statement = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setLong(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                held = rows.getBoolean(1);
            }
        } catch (SQLException e) {
            closeConnection();
            throw e;
        }
        return held;
    }

    /**
     * Asks PostgreSQL whether this session still holds the lock. Any failure (connection lost, timeout) counts as
     * lost: the caller must stop relaying at once.
     */
    synchronized boolean isHeld() {
        if (!held || connection == null) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement("select count(*) from pg_locks"
                + " where locktype = 'advisory' and granted and pid = pg_backend_pid()"
                + " and classid::bigint = ? and objid::bigint = ? and objsubid = 1")) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setLong(1, key >>> 32);
            statement.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (rows.getLong(1) == 1) {
                    return true;
                }
            }
            log.error("The relay lease (advisory lock {}) is no longer held by this session", key);
        } catch (SQLException e) {
            log.error("Lost the connection that holds the relay lease: {}", e.getMessage());
        }
        held = false;
        closeConnection();
        return false;
    }

    /** Gives the lease up (unlock, then close the session, which would release it anyway). */
    synchronized void release() {
        if (held && connection != null) {
            try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.setLong(1, key);
                statement.execute();
            } catch (SQLException e) {
                log.warn("Could not unlock the relay lease; closing its session releases it: {}", e.getMessage());
            }
        }
        held = false;
        closeConnection();
    }

    @Override
    public void close() {
        release();
    }

    long key() {
        return key;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Properties properties = new Properties();
            properties.setProperty("user", database.username());
            properties.setProperty("password", database.password());
            properties.setProperty("ApplicationName", applicationName);
            properties.setProperty("connectTimeout", "5");
            // a hung network must not hide a lost lease for long: fail the check instead
            properties.setProperty("socketTimeout", "15");
            properties.setProperty("tcpKeepAlive", "true");
            connection = DriverManager.getConnection(database.jdbcUrl(), properties);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the lease connection failed", e);
            }
            connection = null;
        }
    }
}
