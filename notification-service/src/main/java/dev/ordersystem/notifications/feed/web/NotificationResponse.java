package dev.ordersystem.notifications.feed.web;

import dev.ordersystem.notifications.email.EmailState;
import dev.ordersystem.notifications.feed.FeedEntry;
import dev.ordersystem.notifications.notification.Notification;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A notification as the API shows it; {@code email} is absent on the live stream (it is PENDING then). */
record NotificationResponse(
        UUID id,
        String customerId,
        String orderId,
        UUID eventId,
        String eventType,
        String subject,
        String body,
        Instant occurredAt,
        Instant createdAt,
        @Schema(nullable = true) @Nullable EmailState email) {

    static NotificationResponse of(FeedEntry entry) {
        return of(entry.notification(), entry.email());
    }

    static NotificationResponse of(Notification n, @Nullable EmailState email) {
        return new NotificationResponse(
                n.id(),
                n.customerId(),
                n.orderId(),
                n.eventId(),
                n.eventType(),
                n.subject(),
                n.body(),
                n.occurredAt(),
                n.createdAt(),
                email);
    }
}
