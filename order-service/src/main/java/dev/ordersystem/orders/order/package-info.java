/** The order aggregate, its state machine and the transactional service that records every change with its event. */
@NullMarked
package dev.ordersystem.orders.order;

import org.jspecify.annotations.NullMarked;
