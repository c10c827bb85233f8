package dev.ordersystem.orders.web;

import dev.ordersystem.web.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * Builds the service's RFC 9457 problems: type {@code urn:ordersystem:problem:<slug>}, a title per type and a detail
 * per occurrence. Every feature's exception handler uses it, so the types of all features look alike.
 */
public final class Problems {

    /**
     * The {@code @Order} of every feature's {@code @RestControllerAdvice}: before the generic handler, whose catch-all
     * for {@link Exception} would otherwise answer a feature's exception with a 500.
     */
    public static final int FEATURE_HANDLER_ORDER = Ordered.HIGHEST_PRECEDENCE;

    /** Renders problems as Spring MVC does, for the answers that filters give before MVC is reached. */
    private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        return ProblemTypes.problem(status, type, title, detail);
    }

    /**
     * The problem of a status that the server answered before any handler saw the request (Tomcat refused it, or a
     * filter called {@code sendError}): type and title after the status's reason phrase, e.g. {@code
     * urn:ordersystem:problem:bad-request}, and {@code internal-error} for 500 as the handlers answer it.
     */
    public static ProblemDetail forStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null || known == HttpStatus.INTERNAL_SERVER_ERROR || !known.isError()) {
            return of(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "internal-error",
                    "Internal error",
                    "The request could not be completed; nothing was changed. The error has been logged.");
        }
        return of(
                known,
                ProblemTypes.slug(known),
                known.getReasonPhrase(),
                known.is4xxClientError()
                        ? "The server refused the request before it reached the API: a malformed or oversized request"
                                + " line, URI or header, or a method or path it does not serve"
                        : "The server could not handle the request; nothing was changed.");
    }

    /** The type of a problem named after its status: {@code urn:ordersystem:problem:unsupported-media-type}. */
    public static URI typeOf(HttpStatus status) {
        return ProblemTypes.type(status);
    }

    /**
     * Writes the problem as the response ({@code application/problem+json}, with the request path as {@code
     * instance}), keeping the headers already set: for filters, which answer before Spring MVC would.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        var output = new ServletServerHttpResponse(response);
        JSON.write(problem, MediaType.APPLICATION_PROBLEM_JSON, output);
        output.flush();
    }
}
