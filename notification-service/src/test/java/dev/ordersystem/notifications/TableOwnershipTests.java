package dev.ordersystem.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Boundaries hold in SQL too: each table is read and written by the feature package that owns it, and others ask
 * that package's public API. Checked on the sources (Surefire runs in the module directory).
 */
class TableOwnershipTests {

    private static final Path SOURCES = Path.of("src/main/java/dev/ordersystem/notifications");

    /** A text block or a one-line string literal. */
    private static final Pattern STRING_LITERAL =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    /** Table to the feature package that owns it. */
    private static final Map<String, String> OWNERS = Map.of(
            "processed_events", "inbox",
            "blocked_orders", "inbox",
            "parked_events", "inbox",
            "notifications", "notification",
            "email_deliveries", "email",
            "dead_letter_decisions", "deadletter");

    @Test
    void onlyTheOwningFeatureQueriesATable() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String feature = SOURCES.relativize(file).getName(0).toString();
                OWNERS.forEach((table, owner) -> {
                    if (!feature.equals(owner) && queries(read(file), table)) {
                        offences.add(file + " queries " + table + ", which belongs to " + owner);
                    }
                });
            });
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void everyOwnerQueriesItsTable() {
        OWNERS.forEach((table, owner) -> {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(owner))) {
                assertThat(files.filter(file -> file.toString().endsWith(".java"))
                                .anyMatch(file -> queries(read(file), table)))
                        .as("the check recognises the queries of %s in %s", table, owner)
                        .isTrue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Whether the source's string literals (joined, as SQL is often split over several) name the table after
     * {@code from}, {@code join}, {@code into}, {@code update} or a comma of a join list.
     */
    private static boolean queries(String source, String table) {
        StringBuilder literals = new StringBuilder();
        Matcher literal = STRING_LITERAL.matcher(source);
        while (literal.find()) {
            literals.append(literal.group(1) != null ? literal.group(1) : literal.group(2))
                    .append(' ');
        }
        return Pattern.compile("(\\bfrom|\\bjoin|\\binto|\\bupdate|,)\\s+" + table + "\\b", Pattern.CASE_INSENSITIVE)
                .matcher(literals)
                .find();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
