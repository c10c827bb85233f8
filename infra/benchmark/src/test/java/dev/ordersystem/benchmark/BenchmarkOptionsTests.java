package dev.ordersystem.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTests {

    @Test
    void defaultsAreTheIssuesRatesAndBacklog() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[0]);

        assertThat(options.smoke()).isFalse();
        assertThat(options.rates()).containsExactly(50, 100, 200, 400);
        assertThat(options.backlog()).isEqualTo(50_000);
        assertThat(options.output()).isNull();
    }

    @Test
    void smokeShortensEveryPhaseAndLaterOptionsOverrideIt() {
        BenchmarkOptions options = BenchmarkOptions.parse(
                new String[] {"--backlog=500", "--smoke", "--rates=10, 20", "--duration=1500ms", "--output=x.json"});

        assertThat(options.smoke()).isTrue();
        assertThat(options.rates()).isEqualTo(List.of(10, 20));
        assertThat(options.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.warmup()).isEqualTo(BenchmarkOptions.smokeDefaults().warmup());
        assertThat(options.backlog()).isEqualTo(500);
        assertThat(options.output()).isEqualTo(Path.of("x.json"));
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
    void helpGivesNoOptionsAndUnknownArgumentsAreRejected() {
        assertThat(BenchmarkOptions.parse(new String[] {"--help"})).isNull();
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--rate=5"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--threads=0"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
