/**
 * The email channel: a delivery row per notification (PENDING, SENT, FAILED), and a scheduled sender that claims due
 * rows with {@code FOR UPDATE SKIP LOCKED}, so that several instances can send side by side, and retries with
 * exponential backoff while the SMTP server is unreachable. Only this package touches {@code email_deliveries}; others
 * ask {@link dev.ordersystem.notifications.email.EmailDeliveries} for the state of a notification's email.
 */
@NullMarked
package dev.ordersystem.notifications.email;

import org.jspecify.annotations.NullMarked;
