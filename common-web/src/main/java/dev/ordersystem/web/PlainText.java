package dev.ordersystem.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The string is one line of plain text, safe to store, show and mail: valid Unicode (no unpaired surrogate such as a lone
 * U+D800), no control character (NUL, line breaks, tabs, ESC, ...) and no bidirectional override that could make
 * text read differently from what it is. {@code null} is valid (combine with {@code @NotBlank} where a value is
 * required). Every string a client can send is checked with it, so none reaches PostgreSQL (which refuses NUL in
 * text) or a mail header.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({
    ElementType.METHOD,
    ElementType.FIELD,
    ElementType.ANNOTATION_TYPE,
    ElementType.CONSTRUCTOR,
    ElementType.PARAMETER,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must be printable text without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
