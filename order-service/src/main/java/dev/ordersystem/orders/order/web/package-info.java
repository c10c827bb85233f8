/** REST API for orders. */
@NullMarked
package dev.ordersystem.orders.order.web;

import org.jspecify.annotations.NullMarked;
