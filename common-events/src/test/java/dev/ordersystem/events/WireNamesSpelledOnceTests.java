package dev.ordersystem.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Names that cross a process boundary (Kafka header names, topic names, the email Message-ID format) are spelled
 * once, in this module: {@link EventHeaders}, {@link Topics}, {@link MessageIds}. This test reads every Java source
 * and Spring configuration file of the other modules and fails on a literal spelling of one of them.
 */
class WireNamesSpelledOnceTests {

    /** The repository root: this module's parent directory (Surefire runs in the module directory). */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static final List<Pattern> FORBIDDEN = List.of(
            // topic names, in code and in configuration
            Pattern.compile("[\"'\\s:=]" + Pattern.quote(Topics.ORDER_EVENTS) + "(\\.DLT)?[\"'\\s]"),
            Pattern.compile("[\"'\\s:=]" + Pattern.quote(Topics.RELAY_OFFSETS) + "[\"'\\s]"),
            // header names where headers are read or written
            Pattern.compile(
                    "(lastHeader|headers\\(\\)\\.add|new RecordHeader|\\.header)\\(\\s*\"(id|eventType|traceparent)\""),
            Pattern.compile("\"" + Pattern.quote(EventHeaders.TRACE_PARENT) + "\""),
            // the Message-ID format
            Pattern.compile("@ordersystem>"));

    @Test
    void noOtherModuleSpellsAWireName() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(WireNamesSpelledOnceTests::checked).forEach(file -> offences.addAll(offences(file)));
        }
        assertThat(offences).as("wire names spelled outside common-events").isEmpty();
    }

    @Test
    void theCheckSeesAnOffence() {
        assertThat(offending("record.headers().lastHeader(\"id\")")).isTrue();
        assertThat(offending("    topic: orders.events\n")).isTrue();
        assertThat(offending("String t = \"orders.events.DLT\";")).isTrue();
        assertThat(offending("\"<\" + id + \"@ordersystem>\"")).isTrue();
        assertThat(offending("record.headers().lastHeader(EventHeaders.EVENT_ID)"))
                .isFalse();
        assertThat(offending(".param(\"id\", id)")).isFalse();
    }

    @Test
    void messageIdIsTheNotificationIdInAngleBrackets() {
        UUID id = UUID.fromString("8b8f1375-fb36-424f-9b07-d2bb0d7d3ff1");
        assertThat(MessageIds.of(id)).isEqualTo("<8b8f1375-fb36-424f-9b07-d2bb0d7d3ff1@ordersystem>");
    }

    private static boolean checked(Path file) {
        String path = ROOT.relativize(file).toString().replace('\\', '/');
        String name = file.getFileName().toString();
        return Files.isRegularFile(file)
                && path.contains("/src/")
                && !path.startsWith("common-events/")
                && !path.contains("/target/")
                && (name.endsWith(".java") || name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static List<String> offences(Path file) {
        List<String> found = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (offending(lines.get(i) + "\n")) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": "
                            + lines.get(i).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static boolean offending(String line) {
        return FORBIDDEN.stream().anyMatch(pattern -> pattern.matcher(line).find());
    }
}
