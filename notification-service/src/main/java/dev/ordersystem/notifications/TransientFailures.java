package dev.ordersystem.notifications;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
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
 * Which failures of a record are transient: a dependency (the database, Kafka) is unreachable, overloaded, shutting
 * down, or gave up a transaction that succeeds when tried again. The listener retries those without limit and never
 * dead-letters them. The whole cause chain is looked at, as Spring and the drivers wrap what actually happened.
 */
public final class TransientFailures {

    /**
     * Exception types that say "try again later": {@link TransientDataAccessException} includes query timeouts and
     * lock or serialization failures; {@link DataAccessResourceFailureException} a database that cannot be reached
     * (also {@code CannotGetJdbcConnectionException}); {@link SQLTransientException} Hikari's "connection is not
     * available"; {@link RetriableException} Kafka's timeouts and unavailable brokers.
     */
    private static final List<Class<? extends Throwable>> TYPES = List.of(
            TransientDataAccessException.class,
            DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class,
            SQLTransientException.class,
            RetriableException.class,
            ConnectException.class,
            SocketTimeoutException.class);

    /**
     * SQLStates of PostgreSQL that say the same: connection exceptions (class 08), insufficient resources (53),
     * serialization failure, deadlock, and the server shutting down or starting up.
     */
    private static final List<String> SQL_STATE_PREFIXES =
            List.of("08", "53", "40001", "40P01", "57P01", "57P02", "57P03");

    private TransientFailures() {}

    public static boolean isTransient(@Nullable Throwable failure) {
        return isTransient(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * Also looks at the failure that a {@link TransactionSystemException} overrode: a statement that lost its
     * connection is followed by a rollback that fails as well ("connection is closed"), and only the first says why.
     */
    private static boolean isTransient(@Nullable Throwable failure, Set<Throwable> seen) {
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            Throwable current = cause;
            if (TYPES.stream().anyMatch(type -> type.isInstance(current))
                    || current instanceof SQLException sql && isTransientState(sql.getSQLState())
                    || current instanceof TransactionSystemException tx
                            && isTransient(tx.getApplicationException(), seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(@Nullable String sqlState) {
        return sqlState != null && SQL_STATE_PREFIXES.stream().anyMatch(sqlState::startsWith);
    }
}
