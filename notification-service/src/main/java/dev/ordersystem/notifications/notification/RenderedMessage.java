package dev.ordersystem.notifications.notification;

/** Subject and plain-text body of a notification. */
record RenderedMessage(String subject, String body) {}
