/** Idempotency-Key support: remembers the first response of a request per key until the key expires. */
@NullMarked
package dev.ordersystem.orders.idempotency;

import org.jspecify.annotations.NullMarked;
