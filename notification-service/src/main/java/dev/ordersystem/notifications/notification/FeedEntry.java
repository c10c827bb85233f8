package dev.ordersystem.notifications.notification;

import org.jspecify.annotations.Nullable;

/** A notification with the state of its channels, as the feed shows it. */
public record FeedEntry(Notification notification, @Nullable EmailState email) {}
