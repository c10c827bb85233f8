package dev.ordersystem.localstack.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A service's OpenAPI document as committed ({@code src/main/openapi/<service>.openapi.json}): pretty-printed with
 * sorted keys, host-dependent values replaced by the demo's. {@link #assertServedMatches} fails with a line diff when
 * the running service serves anything else; run the test with {@value #UPDATE}{@code =true} to rewrite the committed
 * file instead, then review the change.
 */
public final class CommittedApiDocument {

    /** The system property that rewrites the committed document instead of comparing it. */
    public static final String UPDATE = "openapi.update";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CommittedApiDocument() {}

    /**
     * Compares the served document, normalised, with the committed one (the normalised document is left in {@code
     * target/} for a look at the whole of it).
     *
     * @param replacements host-dependent strings (e.g. the test issuer's URL) and what the committed document says
     *     instead
     */
    public static void assertServedMatches(String served, Path committed, Map<String, String> replacements) {
        String document = normalise(served, replacements);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(committed.toAbsolutePath().getParent());
                Files.writeString(committed, document);
                return;
            }
            Path actual = Path.of("target", committed.getFileName().toString());
            Files.writeString(actual, document);
            assertThat(actual)
                    .as(
                            "the served OpenAPI document (%s) differs from the committed %s: if the change is intended,"
                                    + " rerun the test with -D%s=true and commit the file",
                            actual, committed, UPDATE)
                    .hasSameTextualContentAs(committed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String normalise(String served, Map<String, String> replacements) {
        String text = served;
        for (var replacement : replacements.entrySet()) {
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        try {
            return JSON.writeValueAsString(JSON.readValue(text, Object.class)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
