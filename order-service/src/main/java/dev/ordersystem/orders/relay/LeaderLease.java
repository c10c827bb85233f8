package dev.ordersystem.orders.relay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's leader lease: the row of its replication slot in {@code relay_lease}, held by one instance until it
 * expires on the database's clock. Only the holder of an unexpired lease runs the relay.
 *
 * <ul>
 *   <li><b>Acquire</b> ({@link #tryAcquire()}): take the row when it is free, expired or already ours; every
 *       acquisition adds one to its {@code epoch} and sets {@code expires_at = now() + lease-ttl}.
 *   <li><b>Renew</b>: every {@code leader-check-interval} a thread of its own moves {@code expires_at} on, for this
 *       holder and epoch only: a lease that another instance has taken meanwhile is never renewed again.
 *   <li><b>Fence</b>: the lease counts as valid ({@link #remaining()}) until half of the TTL after the <em>start</em>
 *       of the last successful renewal, measured on this JVM's monotonic clock; the leader stops publishing when that
 *       time has passed. The row expires at the earliest a full TTL after that start (PostgreSQL executes the renewal
 *       after it was sent), so another instance can only take over after this one stopped, whatever happened to the
 *       connection, with half a TTL to spare for clock rate differences and the fencing itself.
 *   <li><b>Release</b> ({@link #release()}): on shutdown or failure, expire the row at once so a standby takes over
 *       without waiting.
 * </ul>
 *
 * <p>Its dedicated connection (outside the Hikari pool, {@code ApplicationName = order-relay:<instanceId>}) uses short
 * timeouts so that a database that stops answering cannot hold up a renewal or a release for long; but fencing does
 * not depend on them, since it only compares clocks.
 */
final class LeaderLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(1);

    /** The outcome of {@link #tryAcquire()}. */
    record Attempt(boolean acquired, long epoch, @Nullable String holder, Duration remaining) {}

    private final RelayDatabase database;
    private final String slot;
    private final String holder;
    private final Duration ttl;
    private final Duration fencingTime;
    private final Duration renewInterval;
    private final String applicationName;
    private final ReentrantLock connectionLock = new ReentrantLock();
    private final ScheduledExecutorService renewer;
    private @Nullable Connection connection; // guarded by connectionLock
    private volatile @Nullable ScheduledFuture<?> renewal;
    private volatile long epoch; // 0: not held
    private volatile long validUntilNanos;
    private volatile @Nullable String lostBecause;

    LeaderLease(RelayDatabase database, RelayProperties relay) {
        this.database = database;
        this.slot = relay.slotName();
        this.holder = relay.instanceId();
        this.ttl = relay.leaseTtl();
        this.fencingTime = relay.fencingTime();
        this.renewInterval = relay.leaderCheckInterval();
        this.applicationName = applicationName(relay.instanceId());
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "order-relay-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code order-relay:<instanceId>}, cut to PostgreSQL's 63 characters. */
    static String applicationName(String instanceId) {
        String name = "order-relay:" + instanceId;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /**
     * Takes the lease if it is free, expired or held by this instance (a new epoch either way), and then keeps renewing
     * it until {@link #release()}.
     *
     * @return the new epoch, or who holds the lease and how long it has left
     * @throws SQLException if the database cannot be reached
     */
    Attempt tryAcquire() throws SQLException {
        stopRenewing();
        long startedAt = System.nanoTime();
        Long acquired;
        connectionLock.lock();
        try {
            Connection c = connection(fencingTime.dividedBy(2));
            try (PreparedStatement take = c.prepareStatement(
                    "insert into relay_lease as l (slot_name, holder, epoch, acquired_at, renewed_at, expires_at)"
                            + " values (?, ?, 1, now(), now(), now() + ? * interval '1 millisecond')"
                            + " on conflict (slot_name) do update set holder = excluded.holder, epoch = l.epoch + 1,"
                            + " acquired_at = now(), renewed_at = now(), expires_at = excluded.expires_at"
                            + " where l.expires_at < now() or l.holder = excluded.holder"
                            + " returning epoch")) {
                take.setString(1, slot);
                take.setString(2, holder);
                take.setLong(3, ttl.toMillis());
                try (ResultSet rows = take.executeQuery()) {
                    acquired = rows.next() ? rows.getLong(1) : null;
                }
            }
            if (acquired == null) {
                return current(c);
            }
        } catch (SQLException e) {
            closeConnection();
            throw e;
        } finally {
            connectionLock.unlock();
        }
        validUntilNanos = startedAt + fencingTime.toNanos();
        lostBecause = null;
        epoch = acquired;
        renewal = renewer.scheduleWithFixedDelay(
                this::renew, renewInterval.toMillis(), renewInterval.toMillis(), TimeUnit.MILLISECONDS);
        return new Attempt(true, acquired, holder, fencingTime);
    }

    /**
     * How long this instance may still publish: zero once the lease is lost or was not renewed within the fencing time.
     */
    Duration remaining() {
        if (epoch == 0 || lostBecause != null) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, validUntilNanos - System.nanoTime()));
    }

    /** Why {@link #remaining()} dropped to zero, for logs and health. */
    String lossReason() {
        String lost = lostBecause;
        return lost != null
                ? lost
                : "could not renew the relay lease (epoch " + epoch + ") within " + fencingTime
                        + " (half its TTL); the database is unreachable or does not answer";
    }

    /** Stops renewing and expires the lease, so that a standby can take it at once. Never blocks for long. */
    void release() {
        long released = epoch;
        stopRenewing();
        if (released == 0) {
            return;
        }
        try {
            if (!connectionLock.tryLock(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The lease connection is busy (the database does not answer); the lease expires by itself");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (PreparedStatement expire = connection(RELEASE_WAIT)
                .prepareStatement("update relay_lease set expires_at = now()"
                        + " where slot_name = ? and holder = ? and epoch = ? and expires_at > now()")) {
            expire.setString(1, slot);
            expire.setString(2, holder);
            expire.setLong(3, released);
            expire.executeUpdate();
        } catch (SQLException e) {
            log.warn("Could not release the relay lease; it expires within {}: {}", ttl, e.getMessage());
            closeConnection();
        } finally {
            connectionLock.unlock();
        }
    }

    @Override
    public void close() {
        release();
        renewer.shutdownNow();
        connectionLock.lock();
        try {
            closeConnection();
        } finally {
            connectionLock.unlock();
        }
    }

    private void renew() {
        long held = epoch;
        long startedAt = System.nanoTime();
        long budget = validUntilNanos - startedAt;
        if (held == 0 || lostBecause != null || budget <= 0) {
            return;
        }
        connectionLock.lock();
        try (PreparedStatement renew = connection(Duration.ofNanos(budget))
                .prepareStatement("update relay_lease set renewed_at = now(),"
                        + " expires_at = now() + ? * interval '1 millisecond'"
                        + " where slot_name = ? and holder = ? and epoch = ?")) {
            renew.setLong(1, ttl.toMillis());
            renew.setString(2, slot);
            renew.setString(3, holder);
            renew.setLong(4, held);
            if (renew.executeUpdate() == 1) {
                if (epoch == held) {
                    validUntilNanos = startedAt + fencingTime.toNanos();
                }
            } else {
                lostBecause = "lost the relay lease (epoch " + held + "): another instance holds it now";
                log.error("Instance {} {}", holder, lostBecause);
            }
        } catch (SQLException e) {
            log.warn(
                    "Could not renew the relay lease (epoch {}); {} ms left before this instance stops publishing: {}",
                    held,
                    Math.max(0, (validUntilNanos - System.nanoTime()) / 1_000_000),
                    e.getMessage());
            closeConnection();
        } finally {
            connectionLock.unlock();
        }
    }

    private Attempt current(Connection c) throws SQLException {
        try (PreparedStatement current = c.prepareStatement("select holder, epoch,"
                + " greatest(0, extract(epoch from expires_at - now()) * 1000)::bigint from relay_lease"
                + " where slot_name = ?")) {
            current.setString(1, slot);
            try (ResultSet rows = current.executeQuery()) {
                if (!rows.next()) {
                    return new Attempt(false, 0, null, Duration.ZERO);
                }
                return new Attempt(false, rows.getLong(2), rows.getString(1), Duration.ofMillis(rows.getLong(3)));
            }
        }
    }

    private void stopRenewing() {
        ScheduledFuture<?> running = renewal;
        if (running != null) {
            running.cancel(false);
        }
        renewal = null;
        epoch = 0;
    }

    /** The lease connection (opened if needed), with every read bounded by {@code timeout}. */
    private Connection connection(Duration timeout) throws SQLException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (connection == null || connection.isClosed()) {
            Properties properties = new Properties();
            properties.setProperty("user", database.username());
            properties.setProperty("password", database.password());
            properties.setProperty("ApplicationName", applicationName);
            int seconds = (int) Math.max(1, (millis + 999) / 1000);
            properties.setProperty("connectTimeout", Integer.toString(seconds));
            properties.setProperty("loginTimeout", Integer.toString(seconds));
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("options", RelayDatabase.sessionOptions(ttl));
            connection = DriverManager.getConnection(database.jdbcUrl(), properties);
            connection.setAutoCommit(true);
        }
        connection.setNetworkTimeout(Runnable::run, millis);
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
