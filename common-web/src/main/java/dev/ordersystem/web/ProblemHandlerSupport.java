package dev.ordersystem.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;
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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What the generic problem handlers of both services ({@code @RestControllerAdvice}s consulted after the features'
 * own) answer alike: a failure no feature handles is a dependency that cannot serve right now ({@link
 * TransientFailures}: the service's 503), a value the database refuses ({@link DatabaseRefusals}: 400 or 409), or
 * else an unexpected error, logged and answered 500 without internals; an {@link InvalidRequestException}, a parameter
 * of the wrong type or one Tomcat cannot decode is a 400 {@code invalid-request} that names the fields; and Spring MVC's own problems (405, 406, 415, ...) get a type named after their status instead of {@code
 * about:blank}.
 */
public abstract class ProblemHandlerSupport extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandlerSupport.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    /** How long a client should wait before it retries a request answered 503. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private final String unavailableType;
    private final String unavailableTitle;
    private final String unavailableDetail;
    private final String internalErrorDetail;

    /**
     * @param unavailableType the slug of the 503 problem (a dependency cannot serve right now)
     * @param unavailableTitle its title
     * @param unavailableDetail its detail: what the client may do
     * @param internalErrorDetail the detail of the 500 {@code internal-error} problem, which says nothing of the
     *     error's internals
     */
    protected ProblemHandlerSupport(
            String unavailableType, String unavailableTitle, String unavailableDetail, String internalErrorDetail) {
        this.unavailableType = unavailableType;
        this.unavailableTitle = unavailableTitle;
        this.unavailableDetail = unavailableDetail;
        this.internalErrorDetail = internalErrorDetail;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (TransientFailures.isTransient(ex)) {
            log.warn("A dependency is unavailable, answering 503: {}", ex.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .body(ProblemTypes.problem(
                            HttpStatus.SERVICE_UNAVAILABLE, unavailableType, unavailableTitle, unavailableDetail));
        }
        ProblemDetail problem = DatabaseRefusals.problemOf(ex);
        if (problem == null) {
            log.error("Request failed unexpectedly", ex);
            problem = ProblemTypes.problem(
                    HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error", internalErrorDetail);
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** Tomcat could not decode a parameter of the query or form (bytes that are not UTF-8 once percent-decoded): 400. */
    @ExceptionHandler
    ProblemDetail undecodableParameter(InvalidParameterException ex) {
        return ProblemTypes.problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "Invalid request",
                "A request parameter is not valid UTF-8 once percent-decoded");
    }

    /** Fields or parameters the API checked itself: 400 with the offending fields. */
    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException ex) {
        return invalid(ex.getMessage(), ex.fields());
    }

    /** A path or query parameter that does not convert to its type (a malformed UUID, a word for a number): 400. */
    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "" : " (expected " + describe(ex.getRequiredType()) + ")";
        var problem = invalid(
                "'" + name + "' has an invalid value",
                List.of(new InvalidRequestException.InvalidField(
                        name, "invalid value '" + ex.getValue() + "'" + expected)));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The 400 {@code invalid-request} problem with its {@code errors}. */
    protected static ProblemDetail invalid(@Nullable String detail, List<InvalidRequestException.InvalidField> fields) {
        var problem = ProblemTypes.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", fields);
        return problem;
    }

    private static String describe(Class<?> type) {
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        return type.getSimpleName();
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))
                && status != null) {
            problem.setType(ProblemTypes.type(status));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
