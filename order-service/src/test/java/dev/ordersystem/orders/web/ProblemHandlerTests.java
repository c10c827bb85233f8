package dev.ordersystem.orders.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database cannot serve right now" (503) rather than a bug (500). */
class ProblemHandlerTests {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        "no connection from the pool",
                        new CannotGetJdbcConnectionException(
                                "x", new SQLTransientConnectionException("request timed out after 1000ms")),
                        true),
                Arguments.of(
                        "transaction cannot begin",
                        new CannotCreateTransactionException("Could not open JDBC Connection", new SQLException("x")),
                        true),
                Arguments.of("statement timed out", new QueryTimeoutException("canceling statement"), true),
                Arguments.of("deadlock", new CannotAcquireLockException("deadlock detected"), true),
                Arguments.of(
                        "connection broke (SQLState 08006) behind an untranslated error",
                        new UncategorizedSQLException("x", "select", new SQLException("I/O error", "08006")),
                        true),
                Arguments.of(
                        "server shutting down (57P01), wrapped",
                        new IllegalStateException(new SQLException("terminating connection", "57P01")),
                        true),
                Arguments.of(
                        "rollback on a connection the pool closed",
                        new TransactionSystemException(
                                "JDBC rollback failed", new SQLException("Connection is closed")),
                        true),
                Arguments.of(
                        "constraint violation",
                        new DataIntegrityViolationException("duplicate key", new SQLException("x", "23505")),
                        false),
                Arguments.of("a bug", new NullPointerException(), false),
                Arguments.of("syntax error", new SQLException("syntax error", "42601"), false));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("failures")
    void classifiesWhatMeansTheDatabaseIsUnavailable(String failure, Exception error, boolean unavailable) {
        assertThat(ProblemHandler.isDatabaseUnavailable(error)).isEqualTo(unavailable);
    }
}
