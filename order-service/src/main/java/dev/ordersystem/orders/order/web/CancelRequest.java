package dev.ordersystem.orders.order.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Optional body of {@code POST /orders/{id}/cancel}. The reason is plain text that ends up in mails and pages: one line
 * of printable characters (no control characters such as line breaks, no bidirectional overrides), at most 500.
 */
record CancelRequest(
        @Size(max = 500)
        @Pattern(
                regexp = "[^\\p{Cc}\\p{Cs}\\u202A-\\u202E\\u2066-\\u2069]*",
                message = "must be printable text without control characters")
        @Nullable
        String reason) {}
