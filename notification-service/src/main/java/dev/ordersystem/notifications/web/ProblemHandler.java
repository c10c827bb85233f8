package dev.ordersystem.notifications.web;

import dev.ordersystem.notifications.Problems;
import dev.ordersystem.web.InvalidRequestException;
import dev.ordersystem.web.ProblemHandlerSupport;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
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

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        var problem = invalid(
                "'" + ex.getParameterName() + "' is required",
                List.of(new InvalidRequestException.InvalidField(ex.getParameterName(), "is required")));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
