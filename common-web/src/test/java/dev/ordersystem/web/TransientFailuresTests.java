package dev.ordersystem.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures mean "a dependency cannot serve right now" (503, retried without limit) rather than a bug (500,
 * dead-lettered).
 */
class TransientFailuresTests {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("no connection from the pool", new CannotGetJdbcConnectionException("pool"), true),
                Arguments.of(
                        "transaction not begun: pool timed out",
                        new CannotCreateTransactionException(
                                "tx", new SQLTransientConnectionException("Connection is not available")),
                        true),
                Arguments.of("query timeout", new QueryTimeoutException("slow"), true),
                Arguments.of("lock not acquired", new CannotAcquireLockException("lock"), true),
                Arguments.of(
                        "commit failed: connection broken (08006)",
                        new TransactionSystemException("commit", sql("I/O error", "08006")),
                        true),
                Arguments.of(
                        "rollback failed after the statement lost the connection",
                        rollbackFailedAfter(new DataAccessResourceFailureException("I/O error")),
                        true),
                Arguments.of(
                        "rollback failed after a bug", rollbackFailedAfter(new IllegalStateException("bug")), false),
                Arguments.of("connection refused (08001)", sql("refused", "08001"), true),
                Arguments.of("serialization failure (40001)", sql("serialize", "40001"), true),
                Arguments.of("deadlock (40P01)", sql("deadlock", "40P01"), true),
                Arguments.of("admin shutdown (57P01)", sql("terminating", "57P01"), true),
                Arguments.of("cannot connect now (57P03)", sql("starting up", "57P03"), true),
                Arguments.of("too many connections (53300)", sql("too many", "53300"), true),
                Arguments.of(
                        "a socket refused deep in the chain",
                        new RuntimeException("listener", new IllegalStateException(new ConnectException("refused"))),
                        true),
                Arguments.of("Kafka timeout", new TimeoutException("metadata"), true),
                Arguments.of(
                        "rollback on a connection the pool closed",
                        new TransactionSystemException(
                                "JDBC rollback failed", new SQLException("Connection is closed")),
                        true),
                Arguments.of("connection to be opened again", new SQLRecoverableException("closed"), true),
                Arguments.of(
                        "connection broke (SQLState 08006) behind an untranslated error",
                        wrapped(sql("I/O error", "08006")),
                        true),
                Arguments.of(
                        "server shutting down (57P01), wrapped",
                        new IllegalStateException(sql("terminating connection", "57P01")),
                        true),
                Arguments.of("syntax error (42601)", sql("syntax error", "42601"), false),
                Arguments.of("trigger raised an error (P0001)", wrapped(sql("injected", "P0001")), false),
                Arguments.of("constraint violated", new DataIntegrityViolationException("duplicate"), false),
                Arguments.of("malformed input", new IllegalArgumentException("not JSON"), false),
                Arguments.of("a bug", new NullPointerException(), false),
                Arguments.of("no exception", null, false));
    }

    @ParameterizedTest(name = "{0}: transient {2}")
    @MethodSource("failures")
    void classifiesTheWholeCauseChain(String description, Throwable failure, boolean expected) {
        assertThat(TransientFailures.isTransient(failure)).isEqualTo(expected);
    }

    @Test
    void aCauseChainWithACycleEnds() {
        var first = new IllegalStateException("first");
        var second = new IllegalArgumentException("second", first);
        first.initCause(second);

        assertThat(TransientFailures.isTransient(first)).isFalse();
    }

    private static TransactionSystemException rollbackFailedAfter(RuntimeException failure) {
        var rollbackFailed = new TransactionSystemException("rollback", new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(failure);
        return rollbackFailed;
    }

    private static SQLException sql(String message, String sqlState) {
        return new SQLException(message, sqlState);
    }

    private static RuntimeException wrapped(SQLException e) {
        return new UncategorizedSQLException("insert", "insert into notifications ...", e);
    }
}
