/**
 * The outbox relay: an embedded Debezium engine that streams committed outbox rows from PostgreSQL's WAL (pgoutput)
 * to Kafka, run by exactly one instance (the holder of an expiring lease row with a fencing epoch, which stops
 * publishing before anyone else may take over), recovering by itself from a lost slot or lost offsets, deleting only
 * outbox rows it has confirmed as published, and visible through health, metrics and the {@code relay} actuator
 * endpoint.
 */
@NullMarked
package dev.ordersystem.orders.relay;

import org.jspecify.annotations.NullMarked;
