/** Cross-cutting web concerns: RFC 9457 problem responses and trace context. */
@NullMarked
package dev.ordersystem.orders.web;

import org.jspecify.annotations.NullMarked;
