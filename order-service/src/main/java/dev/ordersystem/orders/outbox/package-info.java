/** Writes domain events to the outbox table inside the caller's transaction. */
@NullMarked
package dev.ordersystem.orders.outbox;

import org.jspecify.annotations.NullMarked;
