/**
 * Notifications: one per event and customer, rendered from a template per event type, stored, and read back as the
 * customer's feed. Creating one publishes {@link dev.ordersystem.notifications.notification.NotificationCreated}
 * inside the creating transaction; the channels (email, live streams) listen to it.
 */
@NullMarked
package dev.ordersystem.notifications.notification;

import org.jspecify.annotations.NullMarked;
