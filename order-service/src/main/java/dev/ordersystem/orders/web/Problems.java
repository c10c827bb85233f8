package dev.ordersystem.orders.web;

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
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:ordersystem:problem:" + type));
        problem.setTitle(title);
        return problem;
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
