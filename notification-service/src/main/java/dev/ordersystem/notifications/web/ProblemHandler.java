package dev.ordersystem.notifications.web;

import dev.ordersystem.notifications.InvalidRequestException;
import dev.ordersystem.notifications.Problems;
import dev.ordersystem.notifications.TransientFailures;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The generic part of the RFC 9457 {@code application/problem+json} answers (see {@link Problems}): invalid, malformed
 * or missing parameters say what is wrong and which parameters ({@code errors}: a list of {@code field} and
 * {@code message}); a value the database refuses all the same is a 400 (SQLState class 22) or 409 (class 23);
 * unexpected errors are logged and answered without internals. A dependency that cannot serve right now (the database
 * unreachable, restarting or timing out, a deadlock or serialization failure: {@link TransientFailures}) answers {@code
 * 503 urn:ordersystem:problem:dependency-unavailable} with {@code Retry-After}, within the pool's short timeouts. The
 * features answer their own exceptions in advices of their own, which come first.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException ex) {
        var problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
        problem.setProperty("errors", ex.fields());
        return problem;
    }

    /** Tomcat could not decode a query parameter (bytes that are not UTF-8 once percent-decoded): 400. */
    @ExceptionHandler
    ProblemDetail undecodableParameter(InvalidParameterException ex) {
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "Invalid request",
                "A request parameter is not valid UTF-8 once percent-decoded");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (TransientFailures.isTransient(ex)) {
            log.warn("A dependency is unavailable, answering 503: {}", ex.getMessage());
            var problem = Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "dependency-unavailable",
                    "Dependency unavailable",
                    "The database cannot serve right now; nothing was changed. Retry the request later.");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .body(problem);
        }
        ProblemDetail problem = answer(ex);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ProblemDetail answer(Exception ex) {
        String sqlState = sqlState(ex);
        if (sqlState != null && sqlState.startsWith("22")) {
            // the last line of defence: a value that passed validation but that PostgreSQL refuses (data exception)
            log.warn("The database refused a value of the request (SQLState {}): {}", sqlState, ex.getMessage());
            return Problems.of(
                    HttpStatus.BAD_REQUEST, "invalid-data", "Invalid data", "A value of the request cannot be used");
        }
        if (sqlState != null && sqlState.startsWith("23")) {
            log.warn("The request violates a constraint (SQLState {}): {}", sqlState, ex.getMessage());
            return Problems.of(
                    HttpStatus.CONFLICT, "conflict", "Conflict", "The request conflicts with data already stored");
        }
        log.error("Request failed unexpectedly", ex);
        return Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "The request could not be completed. The error has been logged.");
    }

    /** Spring MVC's own problems (405, 406, ...) get a type named after their status, instead of about:blank. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))
                && status != null) {
            problem.setType(Problems.type(status));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static @Nullable String sqlState(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "" : " (expected " + describe(ex.getRequiredType()) + ")";
        var problem = Problems.of(
                HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "'" + name + "' has an invalid value");
        problem.setProperty(
                "errors",
                List.of(new InvalidRequestException.InvalidField(
                        name, "invalid value '" + ex.getValue() + "'" + expected)));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        var problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "Invalid request",
                "'" + ex.getParameterName() + "' is required");
        problem.setProperty(
                "errors", List.of(new InvalidRequestException.InvalidField(ex.getParameterName(), "is required")));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String describe(Class<?> type) {
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        return type.getSimpleName();
    }
}
