/**
 * The journey of one order as this service saw it, for operators: the order and each of its outbox events, with when
 * it committed, its trace and whether the relay's publication of it is confirmed. The ops console joins it with the
 * notification service's journey by event id.
 */
@NullMarked
package dev.ordersystem.orders.journey;

import org.jspecify.annotations.NullMarked;
