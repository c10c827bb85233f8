/**
 * The email channel: a delivery row per notification (PENDING, SENT, FAILED), and a scheduled sender that claims due
 * rows with {@code FOR UPDATE SKIP LOCKED} and a claim token, so that several instances can send side by side, sends
 * each batch over one SMTP connection and marks each delivery right after the server accepted its message (a crash
 * resends at most the message in flight; updates are guarded by the token, so an instance whose lease ran out never
 * changes a row another instance took over), and retries with exponential backoff while the SMTP server is
 * unreachable. On shutdown the sender claims nothing more and finishes at most the message in flight. Only this
 * package touches {@code email_deliveries}; others ask {@link dev.ordersystem.notifications.email.EmailDeliveries} for
 * the state of a notification's email.
 */
@NullMarked
package dev.ordersystem.notifications.email;

import org.jspecify.annotations.NullMarked;
