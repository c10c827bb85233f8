package dev.ordersystem.orders.order.web;

import jakarta.validation.Valid;
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

/** Body of {@code POST /orders}. Limits that depend on configuration are checked by {@link OrderRequestValidator}. */
record CreateOrderRequest(
        @NotBlank @Size(max = 64) @Nullable String customerId,

        @NotBlank @Size(max = 254) @Email(regexp = ".+@.+\\..+") @Nullable
        String customerEmail,

        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") @Nullable
        String currency,

        @NotEmpty(message = "must contain at least one line") @Nullable
        List<@NotNull @Valid LineRequest> lines) {

    record LineRequest(
            @NotBlank @Size(max = 64) @Nullable String sku,
            @NotNull @Positive @Nullable Integer quantity,

            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 4) @Nullable
            BigDecimal unitPrice) {}
}
