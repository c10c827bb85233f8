/**
 * The outbox relay: an embedded Debezium engine that streams committed outbox rows from PostgreSQL's WAL (pgoutput)
 * to Kafka, run by exactly one instance (the holder of a PostgreSQL advisory lock), visible through health, metrics
 * and the {@code relay} actuator endpoint.
 */
@NullMarked
package dev.ordersystem.orders.relay;

import org.jspecify.annotations.NullMarked;
