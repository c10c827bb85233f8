package dev.ordersystem.benchmark;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A goal the figures are held against, reported, never asserted: a figure of the run (and how it reads), the
 * threshold and on which side of it the figure must be.
 *
 * @param measure the figure of a run and its text, or empty when the run did not measure it
 */
record Goal(String name, Comparison comparison, double threshold, Function<Results, Optional<Measured>> measure) {

    /** The goals the benchmark judges its figures by. */
    static final List<Goal> ALL = List.of(
            new Goal(
                    "API throughput at least 50% of the JDBC ceiling",
                    Comparison.AT_LEAST,
                    0.5,
                    results -> Optional.ofNullable(Ratios.of(results).apiThroughputToJdbcCeiling())
                            .map(ratio -> new Measured(ratio, Format.percent(ratio) + " of the JDBC ceiling"))),
            new Goal(
                    "API with CDC relay + consumer at least 2,748 orders/s (2x 2026-11-29's)",
                    Comparison.AT_LEAST,
                    2 * 1_374,
                    results -> Optional.ofNullable(results.apiSaturationWithRelay())
                            .map(api -> api.load().throughputPerSecond())
                            .map(perSecond -> new Measured(perSecond, Format.grouped(perSecond) + " orders/s"))),
            new Goal(
                    "CDC p99 lag at most 20 ms at 100, 200 and 400 orders/s",
                    Comparison.AT_MOST,
                    20,
                    Goal::worstCdcP99),
            new Goal(
                    "CDC p99 lag at most a fifth of the polling relay's at the same rate",
                    Comparison.AT_MOST,
                    1.0 / 5,
                    Goal::worstLagRatio),
            new Goal(
                    "End-to-end p99 under 150 ms at 100 orders/s",
                    Comparison.BELOW,
                    150,
                    results -> endToEndP99(results, 100)),
            new Goal(
                    "End-to-end p99 at most 35 ms at 400 orders/s",
                    Comparison.AT_MOST,
                    35,
                    results -> endToEndP99(results, 400)),
            new Goal(
                    "CDC relay drain at least 30,000 events/s at every backlog size",
                    Comparison.AT_LEAST,
                    30_000,
                    results -> results.cdcDrains().stream()
                            .min(Comparator.comparingDouble(Drain.Result::eventsPerSecond))
                            .map(slowest -> new Measured(
                                    slowest.eventsPerSecond(),
                                    "slowest " + Format.grouped(slowest.eventsPerSecond()) + " events/s (backlog "
                                            + Format.grouped(slowest.backlog()) + ")"))),
            new Goal(
                    "CDC relay drain at least 0.8x the polling relay's at every backlog size",
                    Comparison.AT_LEAST,
                    0.8,
                    Goal::worstDrainRatio),
            new Goal("Each service under 512 MiB RSS", Comparison.BELOW, 512, Goal::largestRss),
            new Goal(
                    "Authentication under 10% of the API throughput",
                    Comparison.BELOW,
                    0.1,
                    results -> Optional.ofNullable(Ratios.of(results).authenticationShareOfApiThroughput())
                            .map(share -> new Measured(
                                    share,
                                    Format.fixed(results.tokenValidation().microsPerToken(), 1) + " µs per token = "
                                            + Format.fixed(share * 100, 1) + "% of the CPU"))));

    /** On which side of the threshold a figure meets the goal. */
    enum Comparison {
        AT_LEAST,
        AT_MOST,
        BELOW,
        ABOVE;

        boolean holds(double value, double threshold) {
            return switch (this) {
                case AT_LEAST -> value >= threshold;
                case AT_MOST -> value <= threshold;
                case BELOW -> value < threshold;
                case ABOVE -> value > threshold;
            };
        }
    }

    /** A figure of the run and how the report writes it. */
    record Measured(double value, String text) {}

    /** Whether a run met a goal; in the JSON file {@code true}, {@code false} or {@code "not measured"}. */
    enum Outcome {
        MET("met", true),
        NOT_MET("NOT met", false),
        NOT_MEASURED("n/a", "not measured");

        private final String mark;
        private final Object json;

        Outcome(String mark, Object json) {
            this.mark = mark;
            this.json = json;
        }

        /** How the table marks it. */
        String mark() {
            return mark;
        }

        @JsonValue
        Object json() {
            return json;
        }
    }

    /** A goal next to what the run measured. */
    record Verdict(String goal, double threshold, String actual, Outcome met) {}

    Verdict judge(Results results) {
        return measure.apply(results)
                .map(measured -> new Verdict(
                        name,
                        threshold,
                        measured.text(),
                        comparison.holds(measured.value(), threshold) ? Outcome.MET : Outcome.NOT_MET))
                .orElseGet(() -> new Verdict(name, threshold, "not measured", Outcome.NOT_MEASURED));
    }

    private static Optional<Measured> endToEndP99(Results results, int rate) {
        return results.cdcAt(rate)
                .map(cdc -> cdc.endToEnd().latencyMs().p99())
                .map(p99 -> new Measured(p99, "p99 " + Format.fixed(p99, 1) + " ms"));
    }

    /** The largest CDC p99 lag at 100, 200 and 400 orders/s, each of which is listed; only if all three ran. */
    private static Optional<Measured> worstCdcP99(Results results) {
        List<Integer> rates = List.of(100, 200, 400);
        if (!rates.stream().allMatch(rate -> results.cdcAt(rate).isPresent())) {
            return Optional.empty();
        }
        double worst = 0;
        StringBuilder text = new StringBuilder("CDC p99");
        for (int rate : rates) {
            double p99 = results.cdcAt(rate).orElseThrow().relayLag().lagMs().p99();
            worst = Math.max(worst, p99);
            text.append(rate == 100 ? " " : ", ").append(rate).append("/s: ").append(Format.fixed(p99, 1));
        }
        return Optional.of(new Measured(worst, text.append(" ms").toString()));
    }

    /** The largest CDC/polling p99 ratio over the offered rates, each of which is listed. */
    private static Optional<Measured> worstLagRatio(Results results) {
        return worst(
                Ratios.of(results).cdcP99LagToPollingP99LagByRate(),
                Comparator.naturalOrder(),
                "CDC/polling p99 ",
                rate -> rate + "/s");
    }

    /** The smallest CDC/polling drain-rate ratio over the backlog sizes, each of which is listed. */
    private static Optional<Measured> worstDrainRatio(Results results) {
        return worst(
                Ratios.of(results).cdcDrainToPollingDrainByBacklog(),
                Comparator.reverseOrder(),
                "CDC/polling ",
                backlog -> Format.grouped(Integer.parseInt(backlog)));
    }

    /** The last of the measured ratios in {@code worseLast} order; its text lists them all, keys written by {@code key}. */
    private static Optional<Measured> worst(
            Map<String, @Nullable Double> ratios,
            Comparator<Double> worseLast,
            String prefix,
            Function<String, String> key) {
        Map<String, Double> measured = new LinkedHashMap<>();
        ratios.forEach((name, ratio) -> {
            if (ratio != null) {
                measured.put(name, ratio);
            }
        });
        return measured.values().stream()
                .max(worseLast)
                .map(worst -> new Measured(
                        worst,
                        prefix
                                + measured.entrySet().stream()
                                        .map(ratio ->
                                                key.apply(ratio.getKey()) + ": " + Format.fixed(ratio.getValue(), 2))
                                        .collect(Collectors.joining(", "))));
    }

    /** The larger peak RSS of the two services; not measured unless both ran. */
    private static Optional<Measured> largestRss(Results results) {
        double orders = results.peakMiB(Service.ORDER_SERVICE);
        double notifications = results.peakMiB(Service.NOTIFICATION_SERVICE);
        if (orders <= 0 || notifications <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Measured(
                Math.max(orders, notifications),
                Service.ORDER_SERVICE + " " + Format.fixed(orders, 0) + " MiB, " + Service.NOTIFICATION_SERVICE + " "
                        + Format.fixed(notifications, 0) + " MiB"));
    }
}
