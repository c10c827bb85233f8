package dev.ordersystem.web;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures are transient: a dependency (the database, Kafka) is unreachable, overloaded, shutting down, or gave
 * up a transaction that succeeds when tried again. The order service answers them with 503 and {@code Retry-After}; the
 * notification service's listener retries them without limit and never dead-letters them, and its API answers 503 as
 * well. The whole cause chain is looked at, as Spring and the drivers wrap what actually happened.
 */
public final class TransientFailures {

    /**
     * Exception types that say "try again later": {@link TransientDataAccessException} includes query timeouts and
     * lock or serialization failures; {@link DataAccessResourceFailureException} a database that cannot be reached
     * (also {@code CannotGetJdbcConnectionException}); {@link SQLTransientException} Hikari's "connection is not
     * available"; {@link SQLRecoverableException} a connection that must be opened again; {@link RetriableException}
     * Kafka's timeouts and unavailable brokers.
     */
    private static final List<Class<? extends Throwable>> TYPES = List.of(
            TransientDataAccessException.class,
            DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class,
            SQLTransientException.class,
            SQLRecoverableException.class,
            RetriableException.class,
            ConnectException.class,
            SocketTimeoutException.class);

    /**
     * SQLStates of PostgreSQL that say the same: connection exceptions (class 08), insufficient resources (53, e.g.
     * 53300 too many connections), serialization failure, deadlock, and the server shutting down or starting up.
     */
    private static final List<String> SQL_STATE_PREFIXES =
            List.of("08", "53", "40001", "40P01", "57P01", "57P02", "57P03");

    private TransientFailures() {}

    public static boolean isTransient(@Nullable Throwable failure) {
        return isTransient(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * A commit or rollback that failed ({@link TransactionSystemException}) is judged by the failure it overrode, if
     * any: a statement that lost its connection is followed by a rollback that fails as well ("connection is closed"),
     * and only the first says why. Without one, a commit or rollback that failed on the connection is transient (the
     * pool's "Connection is closed" after it dropped a broken one carries no SQLState).
     */
    private static boolean isTransient(@Nullable Throwable failure, Set<Throwable> seen) {
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            Throwable current = cause;
            if (TYPES.stream().anyMatch(type -> type.isInstance(current))
                    || current instanceof SQLException sql && isTransientState(sql.getSQLState())
                    || current instanceof TransactionSystemException tx && failedTransiently(tx, seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean failedTransiently(TransactionSystemException tx, Set<Throwable> seen) {
        return tx.getApplicationException() == null
                ? tx.getCause() instanceof SQLException
                : isTransient(tx.getApplicationException(), seen);
    }

    private static boolean isTransientState(@Nullable String sqlState) {
        return sqlState != null && SQL_STATE_PREFIXES.stream().anyMatch(sqlState::startsWith);
    }
}
