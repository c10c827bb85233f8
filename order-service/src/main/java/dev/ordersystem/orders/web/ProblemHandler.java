package dev.ordersystem.orders.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure no feature handles into an RFC 9457 {@code application/problem+json} body: invalid requests,
 * unreadable bodies, mistyped parameters, Spring MVC's own errors (415, 405, ...) and unexpected errors. Client errors
 * say what is wrong and which fields; unexpected errors are logged and answered without internals.
 *
 * <p>It catches every {@link Exception}, so it is consulted last: the features' own handlers (ordered {@link
 * Problems#FEATURE_HANDLER_ORDER}) answer their exceptions first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException ex) {
        var problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
        problem.setProperty("errors", ex.fields());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception ex) {
        log.error("Request failed unexpectedly", ex);
        return Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
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
