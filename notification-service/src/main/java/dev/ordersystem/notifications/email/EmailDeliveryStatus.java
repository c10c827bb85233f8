package dev.ordersystem.notifications.email;

/** The state of the email of a notification: waiting to be (re)sent, accepted by the SMTP server, or given up. */
public enum EmailDeliveryStatus {
    PENDING,
    SENT,
    FAILED
}
