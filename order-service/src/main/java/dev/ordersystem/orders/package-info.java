/** Order service: the order REST API, the transactional outbox writer and the outbox relay to Kafka. */
@NullMarked
package dev.ordersystem.orders;

import org.jspecify.annotations.NullMarked;
