/**
 * Kafka client wiring shared by the features: the consumer and producer settings this service relies on, one admin
 * client, the dead-letter topic (created once the consumed topic exists), and the {@code kafka} health contribution.
 */
@NullMarked
package dev.ordersystem.notifications.kafka;

import org.jspecify.annotations.NullMarked;
