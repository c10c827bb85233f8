package dev.ordersystem.notifications;

import dev.ordersystem.web.ProblemTypes;
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
        return ProblemTypes.problem(status, slug, title, detail);
    }

    /**
     * The problem of a status that the server answered before any handler saw the request (Tomcat refused it, or a
     * filter called {@code sendError}): type and title after the status's reason phrase; {@code internal-error} for
     * 500 or anything unknown, as the generic handler answers it.
     */
    public static ProblemDetail forStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null || !known.is4xxClientError()) {
            return of(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "internal-error",
                    "Internal error",
                    "The request could not be completed. The error has been logged.");
        }
        return of(
                known,
                ProblemTypes.slug(known),
                known.getReasonPhrase(),
                "The server refused the request before it reached the API: a malformed or oversized request line, URI"
                        + " or header, or a method or path it does not serve");
    }
}
