package dev.ordersystem.console.commitlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The segments of one partition's log. Kafka's admin API gives a replica's size but not its segments, so they are
 * read from the broker's log directory ({@code <log dir>/<topic>-<partition>/<base offset>.log}, one file per segment,
 * the one with the highest base offset active) when that directory is on this machine (the demo and the tests);
 * otherwise they are estimated from the size and {@code segment.bytes}, and labelled so.
 *
 * @param count how many segments, or {@code null} when unknown
 * @param active the base offset of the active segment, or {@code null} when unknown
 * @param source {@value #LOG_DIR}, {@value #ESTIMATE} or {@value #UNKNOWN}
 */
record Segments(@Nullable Integer count, @Nullable Long active, String source) {

    static final String LOG_DIR = "log-dir";
    static final String ESTIMATE = "estimate";
    static final String UNKNOWN = "unknown";

    private static final String SUFFIX = ".log";

    static Segments of(
            @Nullable String logDir, TopicPartition partition, @Nullable Long size, @Nullable Long segmentBytes) {
        if (logDir != null) {
            Path dir = Path.of(logDir, partition.topic() + "-" + partition.partition());
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Long> bases = files.map(file -> file.getFileName().toString())
                            .filter(name -> name.endsWith(SUFFIX))
                            .map(name -> Long.valueOf(name.substring(0, name.length() - SUFFIX.length())))
                            .sorted()
                            .toList();
                    if (!bases.isEmpty()) {
                        return new Segments(bases.size(), bases.get(bases.size() - 1), LOG_DIR);
                    }
                } catch (IOException | NumberFormatException e) {
                    // a segment rolled or was deleted while listing, or a foreign file: estimate this time
                }
            }
        }
        if (size != null && segmentBytes != null && segmentBytes > 0) {
            return new Segments((int) Math.max(1, (size + segmentBytes - 1) / segmentBytes), null, ESTIMATE);
        }
        return new Segments(null, null, UNKNOWN);
    }
}
