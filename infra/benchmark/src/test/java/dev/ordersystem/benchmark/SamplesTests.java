package dev.ordersystem.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplesTests {

    @Test
    void percentilesAreNearestRankOverAllSamples() {
        Samples samples = new Samples();
        for (int i = 100; i >= 1; i--) {
            samples.add(i);
        }

        Samples.Summary summary = samples.summary();

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50);
        assertThat(summary.p90()).isEqualTo(90);
        assertThat(summary.p99()).isEqualTo(99);
        assertThat(summary.p999()).isEqualTo(100);
        assertThat(summary.max()).isEqualTo(100);
        assertThat(summary.mean()).isEqualTo(50.5);
    }

    @Test
    void nanosAreRecordedAsMilliseconds() {
        Samples samples = new Samples();
        samples.addNanos(2_500_000);

        assertThat(samples.summary().p50()).isEqualTo(2.5);
    }

    @Test
    void noSamplesSummariseToZeros() {
        assertThat(new Samples().summary()).isEqualTo(new Samples.Summary(0, 0, 0, 0, 0, 0, 0));
    }
}
