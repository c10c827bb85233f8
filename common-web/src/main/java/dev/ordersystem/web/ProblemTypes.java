package dev.ordersystem.web;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The RFC 9457 problem types of the order system: {@code urn:ordersystem:problem:<slug>}. */
public final class ProblemTypes {

    private ProblemTypes() {}

    /** A problem of the given type (slug), title and detail. */
    public static ProblemDetail problem(HttpStatus status, String slug, String title, @Nullable String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    public static URI type(String slug) {
        return URI.create("urn:ordersystem:problem:" + slug);
    }

    /** The type of a problem named after its status, e.g. {@code urn:ordersystem:problem:method-not-allowed}. */
    public static URI type(HttpStatus status) {
        return type(slug(status));
    }

    /** The status's reason phrase as a slug: {@code unsupported-media-type}. */
    public static String slug(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
