/**
 * Notifications: one per event and customer, rendered from a template per event type, stored, and read back through
 * {@link dev.ordersystem.notifications.notification.Notifications}. Creating one publishes
 * {@link dev.ordersystem.notifications.notification.NotificationCreated} inside the creating transaction; the channels
 * (email, the in-app feed's live streams) listen to it. This package knows none of its channels.
 */
@NullMarked
package dev.ordersystem.notifications.notification;

import org.jspecify.annotations.NullMarked;
