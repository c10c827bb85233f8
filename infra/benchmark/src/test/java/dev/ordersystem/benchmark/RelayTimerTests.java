package dev.ordersystem.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RelayTimerTests {

    private static String exposition(int under10ms, int under50ms, int total) {
        return """
                # TYPE orders_relay_lag_seconds histogram
                orders_relay_lag_seconds_bucket{application="order-service",le="0.01"} %d
                orders_relay_lag_seconds_bucket{application="order-service",le="0.05"} %d
                orders_relay_lag_seconds_bucket{application="order-service",le="+Inf"} %d
                orders_relay_lag_seconds_count{application="order-service"} %d
                """.formatted(under10ms, under50ms, total, total);
    }

    @Test
    void percentilesOfTheEventsBetweenTwoScrapesAreBucketUpperBounds() {
        RelayTimer.Scrape before = RelayTimer.parse(exposition(5, 5, 5));
        RelayTimer.Scrape after = RelayTimer.parse(exposition(105, 204, 205));

        RelayTimer.Histogram between = after.since(before);

        assertThat(between).isNotNull();
        assertThat(between.count()).isEqualTo(200);
        assertThat(between.p50AtMostMs()).isCloseTo(10.0, within(1e-9));
        assertThat(between.p99AtMostMs()).isCloseTo(50.0, within(1e-9));
        assertThat(between.maxAtMostMs()).as("in the open-ended bucket").isNull();
    }

    @Test
    void noHistogramMeansNoCrossCheck() {
        assertThat(RelayTimer.parse("jvm_threads_live_threads 20\n").since(RelayTimer.Scrape.empty()))
                .isNull();
    }
}
