package dev.ordersystem.orders.relay;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.validator.constraints.time.DurationMin;

/** A {@link java.time.Duration} setting that must be longer than zero; the message names the setting. */
@NotNull
@DurationMin(inclusive = false)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface PositiveDuration {

    /** The setting as it is configured, e.g. {@code orders.relay.poll-interval}. */
    String value();

    String message() default "{value} must be positive";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
