/**
 * The email channel: a delivery row per notification (PENDING, SENT, FAILED), and a scheduled sender that claims due
 * rows with {@code FOR UPDATE SKIP LOCKED}, so that several instances can send side by side, and retries with
 * exponential backoff while the SMTP server is unreachable.
 */
@NullMarked
package dev.ordersystem.notifications.email;

import org.jspecify.annotations.NullMarked;
