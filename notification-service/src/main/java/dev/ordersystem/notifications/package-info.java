/**
 * Notification service. One package per concern: {@code inbox} (Kafka listener, deduplication), {@code notification}
 * (templates, storage, feed), {@code email} (SMTP deliveries), {@code deadletter} (DLT listing and re-drive),
 * {@code lag} (consumer lag), {@code kafka} (client wiring, topics, health) and {@code web} (errors, security).
 */
@NullMarked
package dev.ordersystem.notifications;

import org.jspecify.annotations.NullMarked;
