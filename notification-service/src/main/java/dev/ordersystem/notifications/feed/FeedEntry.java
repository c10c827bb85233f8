package dev.ordersystem.notifications.feed;

import dev.ordersystem.notifications.email.EmailState;
import dev.ordersystem.notifications.notification.Notification;
import org.jspecify.annotations.Nullable;

/** A notification with the state of its channels, as the feed shows it. */
public record FeedEntry(Notification notification, @Nullable EmailState email) {}
