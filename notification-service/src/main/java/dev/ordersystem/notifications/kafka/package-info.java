/**
 * Kafka client wiring shared by the features: the consumer and producer settings this service relies on, one admin
 * client, creation of missing topics at startup, and the {@code kafka} health contribution.
 */
@NullMarked
package dev.ordersystem.notifications.kafka;

import org.jspecify.annotations.NullMarked;
