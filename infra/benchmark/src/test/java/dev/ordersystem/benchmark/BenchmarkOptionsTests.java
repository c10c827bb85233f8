package dev.ordersystem.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

class BenchmarkOptionsTests {

    @Test
    void defaultsAreTheIssuesRatesAndBacklog() {
        BenchmarkOptions options = BenchmarkOptions.parse().orElseThrow();

        assertThat(options.smoke()).isFalse();
        assertThat(options.only()).isEqualTo(BenchmarkOptions.Phases.ALL);
        assertThat(options.rates()).containsExactly(50, 100, 200, 400);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.saturationDuration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.backlogs()).containsExactly(10_000, 50_000, 200_000);
        assertThat(options.threads()).isEqualTo(4);
        assertThat(options.connections()).isEqualTo(32);
        assertThat(options.settle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.output()).isNull();
    }

    @Test
    void smokeShortensEveryPhaseAndTheOptionsGivenOverrideItWhereverTheyStand() {
        BenchmarkOptions options = BenchmarkOptions.parse(
                        "--backlogs=500", "--smoke", "--rates=10, 20", "--duration=1500ms", "--output=x.json")
                .orElseThrow();

        assertThat(options.smoke()).isTrue();
        assertThat(options.rates()).isEqualTo(List.of(10, 20));
        assertThat(options.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.saturationDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.connections()).isEqualTo(8);
        assertThat(options.settle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.threads()).isEqualTo(4);
        assertThat(options.backlogs()).containsExactly(500);
        assertThat(BenchmarkOptions.parse("--smoke").orElseThrow().backlogs()).containsExactly(500, 2000);
        assertThat(options.output()).isEqualTo(Path.of("x.json"));
        assertThat(BenchmarkOptions.parse("--smoke").orElseThrow().rates()).containsExactly(100);
    }

    @Test
    void onlySelectsThePhases() {
        assertThat(BenchmarkOptions.parse("--only=drains").orElseThrow().only())
                .isEqualTo(BenchmarkOptions.Phases.DRAINS);
        assertThat(BenchmarkOptions.parse("--smoke", "--only", "DRAINS")
                        .orElseThrow()
                        .only())
                .isEqualTo(BenchmarkOptions.Phases.DRAINS);
        assertThat(BenchmarkOptions.parse("--only=pipeline").orElseThrow().only())
                .isEqualTo(BenchmarkOptions.Phases.PIPELINE);
    }

    @Test
    void durationsReadSecondsMillisecondsMinutesAndIso() {
        assertThat(BenchmarkOptions.duration("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(BenchmarkOptions.duration("0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchmarkOptions.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(BenchmarkOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchmarkOptions.duration("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(BenchmarkOptions.duration("7")).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void helpGivesNoOptions() {
        assertThat(BenchmarkOptions.parse("--help")).isEmpty();
        assertThat(BenchmarkOptions.parse("-h")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            --rate=5      | Unknown option: '--rate=5'
            --threads=0   | '--threads': not a positive whole number: 0
            --rates=50,x  | '--rates' (<rate>): not a positive whole number: x
            --settle=soon | '--settle': not a duration (e.g. 20s, 500ms, 2m): soon
            """)
    void unknownOptionsAndBadValuesAreRejectedWithWhatIsWrong(String argument, String message) {
        assertThatThrownBy(() -> BenchmarkOptions.parse(argument))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining(message);
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertThat(BenchmarkOptions.usage())
                .contains(
                        "--smoke",
                        "--only=<phases>",
                        "--rates=<rate>[,<rate>...]",
                        "default: 50,100,200,400",
                        "--duration=<duration>",
                        "default: 20s",
                        "--warmup=<duration>",
                        "default: 5s",
                        "--saturation-duration=<duration>",
                        "--backlogs=<rows>[,<rows>...]",
                        "default: 10000,50000,200000",
                        "--threads=<threads>",
                        "default: 4",
                        "--connections=<connections>",
                        "default: 32",
                        "--settle=<duration>",
                        "default: 60s",
                        "--output=<file.json>",
                        "--help",
                        "--smoke runs");
    }
}
