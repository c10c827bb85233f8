package dev.ordersystem.notifications.notification;

/**
 * Published inside the transaction that stored the notification: synchronous listeners take part in that transaction
 * (the email channel adds its delivery row), transactional ones after commit see it once it is visible to everyone.
 */
public record NotificationCreated(Notification notification) {}
