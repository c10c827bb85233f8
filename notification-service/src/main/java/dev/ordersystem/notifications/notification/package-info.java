/**
 * Notifications: one per event and customer, rendered from a template per event type, stored, and read back through
 * {@link dev.ordersystem.notifications.notification.Notifications}. Creating one publishes
 * {@link dev.ordersystem.notifications.notification.NotificationCreated} inside the creating transaction, which the
 * email channel listens to; the in-app feed's live streams read what committed
 * ({@link dev.ordersystem.notifications.notification.Notifications#committed}). This package knows none of its
 * channels.
 */
@NullMarked
package dev.ordersystem.notifications.notification;

import org.jspecify.annotations.NullMarked;
