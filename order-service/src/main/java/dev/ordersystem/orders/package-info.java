/** Order service: the order REST API and the transactional outbox writer. */
@NullMarked
package dev.ordersystem.orders;

import org.jspecify.annotations.NullMarked;
