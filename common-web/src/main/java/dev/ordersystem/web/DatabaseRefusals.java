package dev.ordersystem.web;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The last line of defence of the generic problem handlers: a value that passed validation but that PostgreSQL refuses
 * (SQLState class 22, data exception: e.g. a character it cannot store, a number out of range) is the request's fault,
 * 400 {@code invalid-data}; a violated constraint (class 23) a conflict with what is stored, 409 {@code conflict}.
 * Either way the transaction was rolled back.
 */
public final class DatabaseRefusals {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRefusals.class);

    private DatabaseRefusals() {}

    /** The problem to answer if the error, or one of its causes, is such a refusal; {@code null} otherwise. */
    public static @Nullable ProblemDetail problemOf(Throwable error) {
        String sqlState = sqlState(error);
        if (sqlState == null || !(sqlState.startsWith("22") || sqlState.startsWith("23"))) {
            return null;
        }
        log.warn("The database refused the request's data (SQLState {}): {}", sqlState, error.getMessage());
        return sqlState.startsWith("22")
                ? ProblemTypes.problem(
                        HttpStatus.BAD_REQUEST,
                        "invalid-data",
                        "Invalid data",
                        "A value of the request cannot be stored; nothing was changed.")
                : ProblemTypes.problem(
                        HttpStatus.CONFLICT,
                        "conflict",
                        "Conflict",
                        "The request conflicts with data already stored; nothing was changed.");
    }

    /** The SQLState of the first JDBC error in the cause chain that has one. */
    static @Nullable String sqlState(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
