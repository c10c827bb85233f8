package dev.ordersystem.notifications.web;

import dev.ordersystem.notifications.InvalidRequestException;
import dev.ordersystem.notifications.Problems;
import dev.ordersystem.web.ProblemHandlerSupport;
import java.util.List;
import org.jspecify.annotations.Nullable;
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

/**
 * The generic part of the RFC 9457 {@code application/problem+json} answers (see {@link Problems}): invalid, malformed
 * or missing parameters say what is wrong and which parameters ({@code errors}: a list of {@code field} and {@code
 * message}), and what {@link ProblemHandlerSupport} answers for both services (Spring MVC's own errors, a value the
 * database refuses all the same, unexpected errors). A dependency that cannot serve right now (the database
 * unreachable, restarting or timing out, a deadlock or serialization failure) answers {@code 503
 * urn:ordersystem:problem:dependency-unavailable} with {@code Retry-After}, within the pool's short timeouts. The
 * features answer their own exceptions in advices of their own, which come first.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemHandlerSupport {

    ProblemHandler() {
        super(
                "dependency-unavailable",
                "Dependency unavailable",
                "The database cannot serve right now; nothing was changed. Retry the request later.",
                "The request could not be completed. The error has been logged.");
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException ex) {
        var problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
        problem.setProperty("errors", ex.fields());
        return problem;
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
