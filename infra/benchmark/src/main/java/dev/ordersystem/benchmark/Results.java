package dev.ordersystem.benchmark;

import dev.ordersystem.benchmark.LoadGenerator.ClosedLoopResult;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything one run measured, and what it ran with and on; {@link Report} writes it as the JSON file, {@link Table}
 * as the table.
 *
 * <p>A run of only some phases ({@link BenchmarkOptions#only()}) leaves the figures of the others {@code null} (or
 * empty).
 *
 * @param seconds from the start of the run to the end of its last phase
 * @param tokenValidation what validating the API's bearer token costs
 * @param pollingRates the polling relay at each offered rate, in the order of {@link BenchmarkOptions#rates()}
 * @param pollingDrains the polling relay's drain of each backlog size, in the order of {@link
 *     BenchmarkOptions#backlogs()}
 * @param cdcRates the whole pipeline at each offered rate, in the same order
 * @param pipelineWarmUp how the pipeline's services were warmed up before those rates (null in a smoke run)
 * @param apiWithRelays the order API with each relay running (polling, then CDC), no consumer
 * @param cdcDrains the CDC relay's drain of each backlog size, in the same order
 * @param peakRss every service instance the run started
 * @param phases every step of the run, in order
 */
record Results(
        BenchmarkOptions options,
        String startedAt,
        String finishedAt,
        double seconds,
        Machine.Description machine,
        Map<String, String> versions,
        Map<String, String> postgresSettings,
        @Nullable ClosedLoopResult jdbcCeiling,
        ApiSaturation.@Nullable Result apiSaturation,
        TokenValidation.@Nullable Result tokenValidation,
        List<PollingAtRate.Result> pollingRates,
        List<Drain.Result> pollingDrains,
        List<CdcAtRate.Result> cdcRates,
        Pipeline.@Nullable WarmUp pipelineWarmUp,
        ApiSaturation.@Nullable Result apiSaturationWithRelay,
        List<ApiWithRelay.Result> apiWithRelays,
        List<Drain.Result> cdcDrains,
        RawProducer.@Nullable Result rawProducer,
        List<Machine.Rss> peakRss,
        List<Timeline.Entry> phases) {

    Optional<CdcAtRate.Result> cdcAt(int rate) {
        return cdcRates.stream().filter(r -> r.relayLag().rate() == rate).findFirst();
    }

    Optional<PollingAtRate.Result> pollingAt(int rate) {
        return pollingRates.stream().filter(r -> r.rate() == rate).findFirst();
    }

    /** The CDC relay's drain of the largest backlog; null if the drains did not run. */
    Drain.@Nullable Result cdcDrain() {
        return largest(cdcDrains);
    }

    /** The polling relay's drain of the largest backlog; null if the drains did not run. */
    Drain.@Nullable Result pollingDrain() {
        return largest(pollingDrains);
    }

    private static Drain.@Nullable Result largest(List<Drain.Result> drains) {
        return drains.stream()
                .max(Comparator.comparingInt(Drain.Result::backlog))
                .orElse(null);
    }

    /** Largest peak RSS (MiB) of any instance of a service, or 0 if none ran. */
    double peakMiB(Service service) {
        return peakRss.stream()
                .filter(rss -> rss.service() == service)
                .mapToDouble(Machine.Rss::vmHwmMiB)
                .max()
                .orElse(0);
    }
}
