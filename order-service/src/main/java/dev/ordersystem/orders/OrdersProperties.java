package dev.ordersystem.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the order service, prefix {@code orders}.
 *
 * @param limits bounds on what one request and one order may contain
 * @param idempotency how long {@code Idempotency-Key}s are remembered
 * @param api paging of the order search
 */
@ConfigurationProperties("orders")
@Validated
public record OrdersProperties(
        @Valid @DefaultValue Limits limits,
        @Valid @DefaultValue Idempotency idempotency,
        @Valid @DefaultValue Api api) {

    /**
     * @param maxLines most lines one order may have
     * @param maxQuantity largest quantity of one line
     * @param maxBodySize largest request body; a larger one is refused with 413 before it is read
     */
    public record Limits(
            @DefaultValue("100") @Min(1) @Max(10_000) int maxLines,
            @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxQuantity,
            @DefaultValue("64KB") @NotNull DataSize maxBodySize) {

        @AssertTrue(message = "orders.limits.max-body-size must be between 1 byte and 16MB")
        boolean isMaxBodySizeReasonable() {
            return maxBodySize.toBytes() >= 1
                    && maxBodySize.toBytes() <= DataSize.ofMegabytes(16).toBytes();
        }
    }

    /**
     * @param ttl how long a key and its first response are kept; a key seen again after that starts afresh
     * @param purgeInterval how often expired keys are deleted
     */
    public record Idempotency(
            @DefaultValue("PT24H") @NotNull Duration ttl,
            @DefaultValue("PT10M") @NotNull Duration purgeInterval) {}

    /**
     * @param defaultPageSize page size of a search when {@code size} is not given
     * @param maxPageSize largest accepted {@code size} of a search
     */
    public record Api(
            @DefaultValue("20") @Min(1) int defaultPageSize,
            @DefaultValue("100") @Min(1) @Max(1000) int maxPageSize) {

        @AssertTrue(message = "orders.api.default-page-size must not be larger than orders.api.max-page-size")
        boolean isDefaultPageSizeWithinMax() {
            return defaultPageSize <= maxPageSize;
        }
    }
}
