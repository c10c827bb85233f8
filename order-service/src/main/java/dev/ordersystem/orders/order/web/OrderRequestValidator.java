package dev.ordersystem.orders.order.web;

import dev.ordersystem.orders.OrdersProperties;
import dev.ordersystem.orders.order.NewOrder;
import dev.ordersystem.orders.order.OrderLine;
import dev.ordersystem.web.InvalidRequestException;
import dev.ordersystem.web.InvalidRequestException.InvalidField;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Checks a request completely and reports every offending field at once: Bean Validation constraints first, then the
 * rules that need the currency or the configured limits. The lines are checked one by one only when there are not
 * more of them than allowed.
 */
@Component
class OrderRequestValidator {

    /** Largest order total the database column holds (numeric(19,4)). */
    private static final BigDecimal MAX_TOTAL = new BigDecimal("1000000000000000");

    private final Validator validator;
    private final OrdersProperties.Limits limits;

    OrderRequestValidator(Validator validator, OrdersProperties properties) {
        this.validator = validator;
        this.limits = properties.limits();
    }

    NewOrder toNewOrder(CreateOrderRequest request) {
        List<InvalidField> errors = new ArrayList<>(violations(request));
        Optional<Currency> currency = currency(request.currency(), errors);
        List<CreateOrderRequest.LineRequest> lines = request.lines() == null ? List.of() : request.lines();
        if (lines.size() > limits.maxLines()) {
            // the number first: the lines of an oversized order are not worth validating one by one
            errors.add(new InvalidField("lines", "must not have more than " + limits.maxLines() + " lines"));
        } else {
            for (int i = 0; i < lines.size(); i++) {
                validateLine(lines.get(i), "lines[" + i + "]", currency, errors);
            }
        }
        if (errors.isEmpty()) {
            NewOrder order = new NewOrder(
                    request.customerId(),
                    request.customerEmail(),
                    currency.orElseThrow(),
                    lines.stream()
                            .map(line -> new OrderLine(
                                    line.sku(),
                                    line.quantity(),
                                    line.unitPrice().setScale(currency.get().getDefaultFractionDigits())))
                            .toList());
            BigDecimal total =
                    order.lines().stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.compareTo(MAX_TOTAL) >= 0) {
                errors.add(new InvalidField("lines", "order total must be less than " + MAX_TOTAL.toPlainString()));
            } else {
                return order;
            }
        }
        errors.sort(Comparator.comparing(InvalidField::field));
        throw new InvalidRequestException(errors);
    }

    private void validateLine(
            CreateOrderRequest.@Nullable LineRequest line,
            String path,
            Optional<Currency> currency,
            List<InvalidField> errors) {
        if (line == null) {
            errors.add(new InvalidField(path, "must not be null"));
            return;
        }
        violations(line)
                .forEach(
                        violation -> errors.add(new InvalidField(path + "." + violation.field(), violation.message())));
        if (line.quantity() != null && line.quantity() > limits.maxQuantity()) {
            errors.add(new InvalidField(path + ".quantity", "must not be greater than " + limits.maxQuantity()));
        }
        if (line.unitPrice() != null && currency.isPresent()) {
            int digits = currency.get().getDefaultFractionDigits();
            if (line.unitPrice().stripTrailingZeros().scale() > digits) {
                errors.add(new InvalidField(
                        path + ".unitPrice", "must not have more than " + digits + " decimals in " + currency.get()));
            }
        }
    }

    /** Bean Validation of any object (not of the objects it holds): its violations as fields. */
    List<InvalidField> violations(Object request) {
        return validator.validate(request).stream()
                .map(v -> new InvalidField(path(v), v.getMessage()))
                .sorted(Comparator.comparing(InvalidField::field))
                .toList();
    }

    private static Optional<Currency> currency(String code, List<InvalidField> errors) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return Optional.empty(); // already reported by Bean Validation
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() >= 0) {
                return Optional.of(currency);
            }
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        errors.add(new InvalidField("currency", "unknown currency '" + code + "'"));
        return Optional.empty();
    }

    private static String path(ConstraintViolation<?> violation) {
        return Objects.toString(violation.getPropertyPath());
    }
}
