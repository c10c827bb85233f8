package dev.ordersystem.orders.web;

import dev.ordersystem.events.EventHeaders;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * W3C trace context: the {@code traceparent} of the request that caused an event travels with the event, so a
 * notification can be traced back to the HTTP call. A missing or malformed header starts a new trace.
 */
public final class TraceParents {

    public static final String HEADER = EventHeaders.TRACE_PARENT;

    private static final Pattern VALID =
            Pattern.compile("^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$");

    private TraceParents() {}

    public static String continueOrStart(@Nullable String header) {
        if (header != null && VALID.matcher(header).matches()) {
            return header;
        }
        var random = ThreadLocalRandom.current();
        var hex = HexFormat.of();
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        random.nextBytes(traceId);
        random.nextBytes(spanId);
        return "00-" + hex.formatHex(traceId) + "-" + hex.formatHex(spanId) + "-01";
    }
}
