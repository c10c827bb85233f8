package dev.ordersystem.notifications.notification;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where the email of a notification stands, as shown in the feed.
 *
 * @param status {@code PENDING}, {@code SENT} or {@code FAILED}
 * @param attempts send attempts so far
 * @param nextAttemptAt when the next attempt is due (PENDING only)
 * @param sentAt when the SMTP server accepted it (SENT only)
 * @param lastError why the last attempt failed
 */
public record EmailState(
        String status,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant sentAt,
        @Nullable String lastError) {}
