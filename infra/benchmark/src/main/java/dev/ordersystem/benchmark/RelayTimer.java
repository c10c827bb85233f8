package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.ServiceProcess;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The CDC relay's own {@code orders.relay.lag} timer (commit time {@code ts_usec} from the WAL to the producer's
 * acknowledgement callback), read from {@code /actuator/prometheus}. order-service is started with {@code
 * management.metrics.distribution.percentiles-histogram.orders.relay.lag=true}, so the timer also publishes cumulative
 * histogram buckets: the difference of two scrapes is the histogram of the events in between, and a percentile is the
 * upper bound of the bucket it falls in. A cross-check of the benchmark's own measurement, not the headline figure.
 */
final class RelayTimer {

    private static final String BUCKET = "orders_relay_lag_seconds_bucket{";

    /** How many events the timer saw between two scrapes, and the upper bounds (ms) of its percentiles' buckets. */
    record Histogram(
            long count,
            @Nullable Double p50AtMostMs,
            @Nullable Double p99AtMostMs,
            @Nullable Double maxAtMostMs) {}

    /** Cumulative count per bucket upper bound (seconds). */
    record Scrape(TreeMap<Double, Double> buckets) {

        static Scrape empty() {
            return new Scrape(new TreeMap<>());
        }

        /** Events between {@code earlier} and this scrape, and their p50/p99/max bucket bounds, or null. */
        @Nullable
        Histogram since(Scrape earlier) {
            if (buckets.isEmpty()) {
                return null;
            }
            TreeMap<Double, Double> diff = new TreeMap<>();
            buckets.forEach((le, count) -> diff.put(le, count - earlier.buckets.getOrDefault(le, 0.0)));
            double total = diff.lastEntry().getValue();
            if (total <= 0) {
                return null;
            }
            return new Histogram(
                    (long) total, bound(diff, total * 0.50), bound(diff, total * 0.99), bound(diff, total));
        }

        /** Upper bound (ms) of the bucket holding the given rank; null when it is the open-ended last bucket. */
        private static @Nullable Double bound(TreeMap<Double, Double> cumulative, double rank) {
            for (var bucket : cumulative.entrySet()) {
                if (bucket.getValue() >= rank) {
                    return bucket.getKey().isInfinite() ? null : bucket.getKey() * 1000;
                }
            }
            return null;
        }
    }

    private RelayTimer() {}

    /** The relay's histogram from order-service's {@code /actuator/prometheus}, with an operator's token. */
    static Scrape scrape(ServiceProcess orderService, String operatorToken) {
        return orderService
                .get("/actuator/prometheus", operatorToken)
                .map(RelayTimer::parse)
                .orElseGet(Scrape::empty);
    }

    /** The {@code orders_relay_lag_seconds_bucket} lines of a Prometheus text exposition. */
    static Scrape parse(String exposition) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(BUCKET)) {
                continue;
            }
            int le = line.indexOf("le=\"");
            int close = line.indexOf('"', le + 4);
            int space = line.lastIndexOf(' ');
            if (le < 0 || close < 0 || space < 0) {
                continue;
            }
            String bound = line.substring(le + 4, close);
            double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            buckets.merge(upper, Double.parseDouble(line.substring(space + 1).trim()), Double::sum);
        }
        return new Scrape(buckets);
    }
}
