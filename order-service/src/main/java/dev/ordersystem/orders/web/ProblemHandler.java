package dev.ordersystem.orders.web;

import dev.ordersystem.web.InvalidRequestException;
import dev.ordersystem.web.ProblemHandlerSupport;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure no feature handles into an RFC 9457 {@code application/problem+json} body: invalid requests,
 * unreadable bodies, mistyped parameters, and what {@link ProblemHandlerSupport} answers for both services (Spring
 * MVC's own errors, a value the database refuses all the same, unexpected errors). Client errors say what is wrong and
 * which fields; unexpected errors are logged and answered without internals.
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
class ProblemHandler extends ProblemHandlerSupport {

    ProblemHandler() {
        super(
                "database-unavailable",
                "Database unavailable",
                "The database cannot be reached right now; nothing was changed. Retry the request later.",
                "The request could not be completed; nothing was changed. The error has been logged.");
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
