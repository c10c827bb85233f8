package dev.ordersystem.notifications.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A message to a customer about one event of one of their orders.
 *
 * @param seq position in the order of creation; orders the feed
 * @param recipient the customer's email address at the time of the event
 * @param occurredAt when the event happened
 * @param createdAt when this service stored the notification (database clock)
 */
public record Notification(
        UUID id,
        long seq,
        UUID eventId,
        String eventType,
        String customerId,
        String orderId,
        String recipient,
        String subject,
        String body,
        Instant occurredAt,
        Instant createdAt) {}
