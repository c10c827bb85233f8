package dev.ordersystem.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks {@link PlainText}; {@link #isPlain} checks a request parameter the same way. */
public final class PlainTextValidator implements ConstraintValidator<PlainText, String> {

    /** Any character but control characters (Cc), lone surrogates (Cs) and bidirectional embeddings/isolates. */
    private static final Pattern PLAIN = Pattern.compile("[^\\p{Cc}\\p{Cs}\\u202A-\\u202E\\u2066-\\u2069]*");

    /** Whether the text is plain; {@code null} is. */
    public static boolean isPlain(@Nullable String text) {
        return text == null || PLAIN.matcher(text).matches();
    }

    @Override
    public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
        return isPlain(value);
    }
}
