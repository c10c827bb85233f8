package dev.ordersystem.benchmark;

import java.util.Arrays;

/** A thread-safe list of measurements in milliseconds, summarised with exact (nearest-rank) percentiles. */
final class Samples {

    private double[] values = new double[1024];
    private int size;

    synchronized void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    void addNanos(long nanos) {
        add(nanos / 1e6);
    }

    Summary summary() {
        double[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(values, size);
        }
        return Summary.of(sorted);
    }

    /** Count, mean and percentiles (milliseconds); all zero when there are no samples. */
    record Summary(int count, double mean, double p50, double p90, double p99, double p999, double max) {

        static Summary of(double[] values) {
            if (values.length == 0) {
                return new Summary(0, 0, 0, 0, 0, 0, 0);
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double sum = 0;
            for (double value : sorted) {
                sum += value;
            }
            return new Summary(
                    sorted.length,
                    sum / sorted.length,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.90),
                    percentile(sorted, 0.99),
                    percentile(sorted, 0.999),
                    sorted[sorted.length - 1]);
        }

        /** Nearest rank: the smallest value with at least {@code q} of all values at or below it. */
        static double percentile(double[] sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }
}
