package dev.ordersystem.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}) of the span that runs now: what a service
 * stores with work that goes on later, elsewhere (the outbox row that the relay publishes, the email that a sender
 * thread sends), so that this work continues the same trace.
 */
public final class TraceParents {

    private TraceParents() {}

    /** The current span's traceparent; null outside any span, or when tracing is off. */
    public static @Nullable String current(Tracer tracer) {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId()
                + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }
}
