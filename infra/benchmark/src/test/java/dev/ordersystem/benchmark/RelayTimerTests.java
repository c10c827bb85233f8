package dev.ordersystem.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

        Map<String, Object> between = after.since(before);

        assertThat(between)
                .containsEntry("count", 200L)
                .containsEntry("p50AtMostMs", 10.0)
                .containsEntry("p99AtMostMs", 50.0)
                .containsEntry("maxAtMostMs", null);
    }

    @Test
    void noHistogramMeansNoCrossCheck() {
        assertThat(RelayTimer.parse("jvm_threads_live_threads 20\n").since(RelayTimer.Scrape.empty()))
                .isNull();
    }
}
