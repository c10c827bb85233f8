package dev.ordersystem.notifications;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The RFC 9457 problem bodies of this service, with a type {@code urn:ordersystem:problem:<slug>}. Each feature turns
 * its own exceptions into problems in a {@code @RestControllerAdvice} of its own, ordered {@link #FEATURE_ADVICE}: before
 * the generic handler, whose catch-all for unexpected errors would otherwise answer first.
 */
public final class Problems {

    /** The {@code @Order} of the features' exception handlers. */
    public static final int FEATURE_ADVICE = Ordered.HIGHEST_PRECEDENCE;

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String slug, String title, @Nullable String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    public static URI type(String slug) {
        return URI.create("urn:ordersystem:problem:" + slug);
    }
}
