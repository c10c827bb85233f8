/**
 * Notification service. One package per concern: {@code inbox} (Kafka listener, deduplication), {@code notification}
 * (templates, storage), {@code email} (SMTP deliveries), {@code feed} (the in-app feed: pages, live streams, its HTTP
 * API), {@code deadletter} (DLT listing and re-drive), {@code lag} (consumer lag), {@code kafka} (client wiring, the
 * dead-letter topic, health), {@code security} (access tokens and who may call what) and {@code web} (generic errors,
 * OpenAPI). This root package holds what they share: settings and the problem responses.
 */
@NullMarked
package dev.ordersystem.notifications;

import org.jspecify.annotations.NullMarked;
