package dev.ordersystem.console.live;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The trace id of a W3C {@code traceparent} value ({@code 00-<32 hex trace id>-<16 hex span id>-<flags>}). */
final class TraceIds {

    private static final Pattern TRACE_PARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceIds() {}

    static @Nullable String of(@Nullable String traceParent) {
        if (traceParent == null) {
            return null;
        }
        var matcher = TRACE_PARENT.matcher(traceParent.trim());
        return matcher.matches() && !matcher.group(1).equals("0".repeat(32)) ? matcher.group(1) : null;
    }
}
