package dev.ordersystem.orders.order.web;

import dev.ordersystem.orders.web.PlainText;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Optional body of {@code POST /orders/{id}/cancel}. The reason is plain text that ends up in mails and pages: one line
 * of printable characters (no control characters such as line breaks, no bidirectional overrides), at most 500.
 */
record CancelRequest(@Size(max = 500) @PlainText @Nullable String reason) {}
