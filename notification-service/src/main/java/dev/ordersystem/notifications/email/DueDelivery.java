package dev.ordersystem.notifications.email;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A delivery claimed for sending. {@code attempts} counts the attempts before this one; {@code traceParent} is the
 * trace context of the transaction that created it (none for deliveries older than tracing).
 */
record DueDelivery(
        UUID notificationId,
        String recipient,
        int attempts,
        @Nullable String traceParent) {}
