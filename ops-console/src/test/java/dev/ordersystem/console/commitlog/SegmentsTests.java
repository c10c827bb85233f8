package dev.ordersystem.console.commitlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentsTests {

    private static final TopicPartition PARTITION = new TopicPartition("events", 2);

    @TempDir
    Path logDir;

    @Test
    void countsTheSegmentFilesOfALocalLogDirectoryAndNamesTheNewestActive() throws IOException {
        Path partitionDir = Files.createDirectories(logDir.resolve("events-2"));
        for (String file : new String[] {
            "00000000000000000000.log", "00000000000000000000.index",
            "00000000000000000412.log", "00000000000000000412.timeindex",
            "00000000000000000837.log", "leader-epoch-checkpoint"
        }) {
            Files.createFile(partitionDir.resolve(file));
        }

        Segments segments = Segments.of(logDir.toString(), PARTITION, 150_000L, 65_536L);

        assertThat(segments).isEqualTo(new Segments(3, 837L, Segments.LOG_DIR));
    }

    @Test
    void estimatesFromSizeAndSegmentBytesWhenTheLogDirectoryIsElsewhere() {
        Segments segments = Segments.of("/not/on/this/machine", PARTITION, 150_000L, 65_536L);

        assertThat(segments).isEqualTo(new Segments(3, null, Segments.ESTIMATE));
        assertThat(Segments.of(null, PARTITION, 0L, 65_536L)).isEqualTo(new Segments(1, null, Segments.ESTIMATE));
    }

    @Test
    void isUnknownWithoutSizeOrSegmentBytes() {
        assertThat(Segments.of(null, PARTITION, null, 65_536L)).isEqualTo(new Segments(null, null, Segments.UNKNOWN));
        assertThat(Segments.of(null, PARTITION, 10L, null)).isEqualTo(new Segments(null, null, Segments.UNKNOWN));
    }
}
