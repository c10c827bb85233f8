package dev.ordersystem.orders.order.web;

import dev.ordersystem.web.PlainText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Optional body of {@code POST /orders/{id}/cancel}. The reason is plain text that ends up in mails and pages: one line
 * of printable characters (no control characters such as line breaks, no bidirectional overrides), at most 500.
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record CancelRequest(
        @Schema(nullable = true, example = "Ordered by mistake") @Size(max = 500) @PlainText @Nullable
        String reason) {}
