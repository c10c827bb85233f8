package dev.ordersystem.orders.web;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure no feature handles into an RFC 9457 {@code application/problem+json} body: invalid requests,
 * unreadable bodies, mistyped parameters, Spring MVC's own errors (415, 405, ...), an unreachable database and
 * unexpected errors. Client errors say what is wrong and which fields; unexpected errors are logged and answered
 * without internals. A value that the database refuses all the same (SQLState class 22 or 23) is a 400 or 409, not a
 * 500.
 *
 * <p>A database that cannot be reached, restarts, times out or reports a transient failure (deadlock, serialization
 * failure) answers {@code 503 urn:ordersystem:problem:database-unavailable} with {@code Retry-After}: nothing was
 * changed and the same request may simply be sent again. The pool's short timeouts ({@code application.yaml}) make that
 * answer come within about a second rather than after 30 s.
 *
 * <p>It catches every {@link Exception}, so it is consulted last: the features' own handlers (ordered {@link
 * Problems#FEATURE_HANDLER_ORDER}) answer their exceptions first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final long RETRY_AFTER_SECONDS = 5;
    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final Set<String> UNAVAILABLE_SQL_STATES =
            Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException ex) {
        var problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
        problem.setProperty("errors", ex.fields());
        return problem;
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        log.warn("Database unavailable, answering 503: {}", ex.getMessage());
        var problem = Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "database-unavailable",
                "Database unavailable",
                "The database cannot be reached right now; nothing was changed. Retry the request later.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (isDatabaseUnavailable(ex)) {
            return databaseUnavailable(ex);
        }
        String sqlState = sqlState(ex);
        if (sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"))) {
            return refusedByDatabase(ex, sqlState);
        }
        log.error("Request failed unexpectedly", ex);
        return ResponseEntity.internalServerError()
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal-error",
                        "Internal error",
                        "The request could not be completed; nothing was changed. The error has been logged."));
    }

    /**
     * The last line of defence: a value that passed validation but that PostgreSQL refuses (SQLState class 22, data
     * exception: e.g. a character it cannot store, a number out of range) is the request's fault, 400; a violated
     * constraint (class 23) a conflict with what is stored, 409. Either way the transaction was rolled back.
     */
    private static ResponseEntity<ProblemDetail> refusedByDatabase(Exception ex, String sqlState) {
        log.warn("The database refused the request's data (SQLState {}): {}", sqlState, ex.getMessage());
        var problem = sqlState.startsWith("22")
                ? Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "invalid-data",
                        "Invalid data",
                        "A value of the request cannot be stored; nothing was changed.")
                : Problems.of(
                        HttpStatus.CONFLICT,
                        "conflict",
                        "Conflict",
                        "The request conflicts with data already stored; nothing was changed.");
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static @Nullable String sqlState(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * Whether the error, or one of its causes, says that the database cannot serve right now: one of the exceptions
     * above wrapped in another; a JDBC error that is transient or recoverable, or whose SQLState says so (class 08
     * connection exception, 57P0x shutdown, 53300 too many connections, 40001/40P01 serialization failure/deadlock); or
     * a commit or rollback that failed on the connection (the pool's "Connection is closed" after it dropped a broken
     * one carries no SQLState), whatever the error it replaced.
     */
    static boolean isDatabaseUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransactionSystemException failed
                    && (failed.getCause() instanceof SQLException
                            || (failed.getApplicationException() != null
                                    && isDatabaseUnavailable(failed.getApplicationException())))) {
                return true;
            }
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || UNAVAILABLE_SQL_STATES.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Tomcat could not decode a parameter of the query or form (e.g. bytes that are not UTF-8): 400. */
    @ExceptionHandler
    ProblemDetail undecodableParameter(InvalidParameterException ex) {
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "Invalid request",
                "A request parameter is not valid UTF-8 once percent-decoded");
    }

    /**
     * Spring MVC's own problems (405, 406, 415, ...) get a type as ours do, named after their status, instead of
     * {@code about:blank}.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))
                && status != null) {
            problem.setType(Problems.typeOf(status));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", describe(ex));
        if (ex.getMostSpecificCause() instanceof JacksonException jackson
                && !jackson.getPath().isEmpty()) {
            String field = jsonPath(jackson);
            problem.setProperty(
                    "errors", List.of(new InvalidRequestException.InvalidField(field, "has the wrong type or format")));
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        var problem = Problems.of(
                HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "'" + name + "' has an invalid value");
        problem.setProperty(
                "errors",
                List.of(new InvalidRequestException.InvalidField(name, "invalid value '" + ex.getValue() + "'")));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof JacksonException jackson) {
            return jackson.getPath().isEmpty()
                    ? "The body is not valid JSON"
                    : "'" + jsonPath(jackson) + "' has the wrong type or format";
        }
        return "The request body is missing or unreadable";
    }

    private static String jsonPath(JacksonException ex) {
        var path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
