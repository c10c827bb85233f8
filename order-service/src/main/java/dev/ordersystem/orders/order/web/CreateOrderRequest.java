package dev.ordersystem.orders.order.web;

import dev.ordersystem.orders.web.PlainText;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /orders}. A customer may leave out {@code customerId} and {@code customerEmail} (they come from
 * the token); staff must name both. The lines are validated by {@link OrderRequestValidator} once their number is
 * within the limit, with the limits that depend on configuration.
 */
record CreateOrderRequest(
        @NotBlank @Size(max = 64) @PlainText @Nullable String customerId,

        @NotBlank @Size(max = 254) @Email(regexp = ".+@.+\\..+") @PlainText @Nullable
        String customerEmail,

        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") @Nullable
        String currency,

        @NotEmpty(message = "must contain at least one line") @Nullable
        List<LineRequest> lines) {

    /** The same order for this customer. */
    CreateOrderRequest withCustomer(String customerId, String customerEmail) {
        return new CreateOrderRequest(customerId, customerEmail, currency, lines);
    }

    record LineRequest(
            @NotBlank @Size(max = 64) @PlainText @Nullable String sku,
            @NotNull @Positive @Nullable Integer quantity,

            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 4) @Nullable
            BigDecimal unitPrice) {}
}
