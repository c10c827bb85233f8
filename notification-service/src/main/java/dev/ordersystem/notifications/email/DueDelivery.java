package dev.ordersystem.notifications.email;

import java.util.UUID;

/** A delivery claimed for sending. {@code attempts} counts the attempts before this one. */
record DueDelivery(UUID notificationId, String recipient, int attempts) {}
