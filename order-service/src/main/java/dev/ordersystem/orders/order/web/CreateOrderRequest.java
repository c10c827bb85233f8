package dev.ordersystem.orders.order.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

import dev.ordersystem.web.PlainText;
import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(name = "NewOrder", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record CreateOrderRequest(
        @Schema(requiredMode = NOT_REQUIRED, description = FROM_TOKEN, example = "ada")
        @NotBlank
        @Size(max = 64)
        @PlainText
        @Nullable
        String customerId,

        @Schema(requiredMode = NOT_REQUIRED, description = FROM_TOKEN, example = "ada@example.com")
        @NotBlank
        @Size(max = 254)
        @Email(regexp = ".+@.+\\..+")
        @PlainText
        @Nullable
        String customerEmail,

        @Schema(example = "EUR")
        @NotBlank
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
        @Nullable
        String currency,

        @NotEmpty(message = "must contain at least one line") @Nullable
        List<LineRequest> lines) {

    private static final String FROM_TOKEN =
            "Staff: required. Customers: from the token (leave out, or name their own)";

    /** The same order for this customer. */
    CreateOrderRequest withCustomer(String customerId, String customerEmail) {
        return new CreateOrderRequest(customerId, customerEmail, currency, lines);
    }

    @Schema(name = "NewOrderLine", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record LineRequest(
            @Schema(example = "BOOK-1") @NotBlank @Size(max = 64) @PlainText @Nullable
            String sku,

            @Schema(example = "2", description = "1 to orders.limits.max-quantity (10000)") @NotNull @Positive @Nullable
            Integer quantity,

            @Schema(example = "12.50") @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 4) @Nullable
            BigDecimal unitPrice) {}
}
