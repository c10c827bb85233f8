package dev.ordersystem.orders.web;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

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

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:ordersystem:problem:" + type));
        problem.setTitle(title);
        return problem;
    }
}
