package dev.ordersystem.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The figures of a run set against their baselines; a ratio is null when its baseline is not positive. The JSON file
 * gives them to 3 decimals.
 *
 * @param cdcP99LagToPollingP99LagByRate CDC relay p99 lag / polling relay p99 lag at each offered rate
 * @param cdcDrainToPollingDrainByBacklog CDC relay drain rate / polling relay drain rate for each backlog size
 * @param cdcDrainToRawProducer CDC relay drain rate of the largest backlog / raw producer rate
 * @param authenticationShareOfApiThroughput the share of the machine's CPU that validating the tokens of the API's
 *     saturation throughput takes: µs per validation × requests per second / (10^6 × cores); what authentication costs
 *     the API's throughput where it is CPU-bound, less where it is not
 */
record Ratios(
        @JsonSerialize(using = Json.ThreeDecimals.class) @Nullable
        Double apiThroughputToJdbcCeiling,

        @JsonSerialize(using = Json.ThreeDecimals.class) @Nullable
        Double authenticationShareOfApiThroughput,

        @JsonSerialize(contentUsing = Json.ThreeDecimals.class)
        Map<String, @Nullable Double> cdcP99LagToPollingP99LagByRate,

        @JsonSerialize(contentUsing = Json.ThreeDecimals.class)
        Map<String, @Nullable Double> cdcDrainToPollingDrainByBacklog,

        @JsonSerialize(using = Json.ThreeDecimals.class) @Nullable
        Double cdcDrainToRawProducer,

        @JsonSerialize(using = Json.ThreeDecimals.class) @Nullable
        Double pollingDrainToRawProducer) {

    static Ratios of(Results results) {
        Map<String, @Nullable Double> lag = new LinkedHashMap<>();
        for (int rate : results.options().rates()) {
            Optional<Double> cdc =
                    results.cdcAt(rate).map(at -> at.relayLag().lagMs().p99());
            Optional<Double> polling =
                    results.pollingAt(rate).map(at -> at.lagMs().p99());
            lag.put(
                    Integer.toString(rate),
                    cdc.isPresent() && polling.isPresent() ? ratio(cdc.get(), polling.get()) : null);
        }
        Map<String, @Nullable Double> drains = new LinkedHashMap<>();
        for (int i = 0; i < results.cdcDrains().size(); i++) {
            drains.put(
                    Integer.toString(results.cdcDrains().get(i).backlog()),
                    ratio(
                            results.cdcDrains().get(i).eventsPerSecond(),
                            results.pollingDrains().get(i).eventsPerSecond()));
        }
        Double raw =
                results.rawProducer() == null ? null : results.rawProducer().recordsPerSecond();
        Double api = results.apiSaturation() == null
                ? null
                : throughput(results.apiSaturation().load());
        return new Ratios(
                ratio(api, throughput(results.jdbcCeiling())),
                results.tokenValidation() == null || api == null
                        ? null
                        : ratio(
                                results.tokenValidation().microsPerToken() * api,
                                1e6 * results.machine().availableProcessors()),
                lag,
                drains,
                ratio(drainRate(results.cdcDrain()), raw),
                ratio(drainRate(results.pollingDrain()), raw));
    }

    /** The CDC relay's p99 lag over the polling relay's at an offered rate, if both ran at it. */
    Optional<Double> cdcToPollingP99(int rate) {
        return Optional.ofNullable(cdcP99LagToPollingP99LagByRate.get(Integer.toString(rate)));
    }

    /** The CDC relay's drain rate over the polling relay's for a backlog size, if both drained one. */
    Optional<Double> cdcToPollingDrain(int backlog) {
        return Optional.ofNullable(cdcDrainToPollingDrainByBacklog.get(Integer.toString(backlog)));
    }

    private static @Nullable Double drainRate(Drain.@Nullable Result drain) {
        return drain == null ? null : drain.eventsPerSecond();
    }

    private static @Nullable Double ratio(@Nullable Double figure, @Nullable Double baseline) {
        return figure != null && baseline != null && baseline > 0 ? figure / baseline : null;
    }

    private static @Nullable Double throughput(LoadGenerator.@Nullable ClosedLoopResult saturation) {
        return saturation == null ? null : saturation.throughputPerSecond();
    }
}
