package dev.ordersystem.notifications.email;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where the email of a notification stands.
 *
 * @param attempts send attempts so far
 * @param nextAttemptAt when the next attempt is due (PENDING only)
 * @param sentAt when the SMTP server accepted it (SENT only)
 * @param lastError why the last attempt failed
 */
public record EmailState(
        EmailDeliveryStatus status,
        int attempts,
        @Schema(nullable = true) @Nullable Instant nextAttemptAt,
        @Schema(nullable = true) @Nullable Instant sentAt,
        @Schema(nullable = true) @Nullable String lastError) {}
