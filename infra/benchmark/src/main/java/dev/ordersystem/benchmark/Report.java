package dev.ordersystem.benchmark;

import dev.ordersystem.benchmark.LoadGenerator.ClosedLoopResult;
import dev.ordersystem.benchmark.LoadGenerator.OpenLoopResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

/**
 * The JSON file of a run: the result records in sections, written by {@link Json#MAPPER}, next to the settings, the
 * methodology, the ratios and the goals. {@link Table} renders the same records for the terminal.
 */
final class Report {

    private Report() {}

    /** The JSON file's content, section by section. */
    record Document(
            String benchmark,
            String mode,
            String startedAt,
            String finishedAt,
            double durationSeconds,
            Machine.Description machine,
            Map<String, String> versions,
            RunSettings settings,
            Map<String, String> methodology,
            Api api,
            TokenValidation.Result authentication,
            Pipeline.@Nullable WarmUp pipelineWarmUp,
            CdcRelay cdcRelay,
            EndToEnd endToEnd,
            CpuPerOrder cpuPerOrder,
            Baselines baselines,
            Ratios ratios,
            Map<String, PeakRss> peakRss,
            List<Goal.Verdict> goals,
            List<Timeline.Entry> phases) {}

    record RunSettings(
            List<Integer> rates,
            double warmupSeconds,
            double apiWarmupSeconds,
            double fixedRateSeconds,
            double saturationSeconds,
            List<Integer> backlogs,
            int saturationThreads,
            int openLoopConnections,
            String order,
            TopicSettings topics,
            Map<String, String> producer,
            PollingRelay.Settings pollingRelay,
            Map<String, String> postgresql) {}

    record TopicSettings(List<String> names, int partitions, int replicationFactor, Map<String, String> config) {}

    /**
     * @param orderServiceCpu what the order-service process took per order in the measurement window of {@link
     *     #saturation}
     */
    record Api(
            JitWarmUp.@Nullable Result saturationWarmUp,
            @Nullable ClosedLoopResult saturation,
            @Nullable ClosedLoopResult saturationWithRelayAndConsumer,
            ApiSaturation.@Nullable Cpu orderServiceCpu,
            ApiSaturation.@Nullable Cpu orderServiceCpuWithRelayAndConsumer,
            List<OpenLoopResult> fixedRates,
            List<ApiWithRelay.Result> withEachRelay) {}

    record CdcRelay(List<CdcAtRate.RelayLag> fixedRates, List<Drain.Result> drains) {}

    record EndToEnd(List<CdcAtRate.EndToEnd> fixedRates) {}

    /**
     * @param fixedRates per fixed-rate phase of the pipeline: µs of CPU per order of each process, and the share of
     *     the cores busy ({@link PipelineCpu})
     */
    record CpuPerOrder(List<CpuAtRate> fixedRates) {}

    record CpuAtRate(int rate, PipelineCpu cpu) {}

    record Baselines(ClosedLoopResult jdbcCeiling, PollingRelayBaseline pollingRelay, RawProducer.Result rawProducer) {}

    record PollingRelayBaseline(List<PollingAtRate.Result> fixedRates, List<Drain.Result> drains) {}

    record PeakRss(double peakMiB, List<Machine.Rss> instances) {}

    static Document document(Results results) {
        List<CdcAtRate.Result> cdc = results.cdcRates();
        return new Document(
                "order-system pipeline and baselines",
                results.options().smoke() ? "smoke (figures are not meaningful)" : "full",
                results.startedAt(),
                results.finishedAt(),
                results.seconds(),
                results.machine(),
                results.versions(),
                settings(results),
                Methodology.all(),
                api(results),
                results.tokenValidation(),
                results.pipelineWarmUp(),
                new CdcRelay(cdc.stream().map(CdcAtRate.Result::relayLag).toList(), results.cdcDrains()),
                new EndToEnd(cdc.stream().map(CdcAtRate.Result::endToEnd).toList()),
                new CpuPerOrder(cdc.stream()
                        .map(rate -> new CpuAtRate(rate.relayLag().rate(), rate.cpu()))
                        .toList()),
                new Baselines(
                        results.jdbcCeiling(),
                        new PollingRelayBaseline(results.pollingRates(), results.pollingDrains()),
                        results.rawProducer()),
                Ratios.of(results),
                peakRss(results),
                Goal.ALL.stream().map(goal -> goal.judge(results)).toList(),
                results.phases());
    }

    private static Api api(Results results) {
        ApiSaturation.Result relayOff = results.apiSaturation();
        ApiSaturation.Result withRelay = results.apiSaturationWithRelay();
        return new Api(
                relayOff == null ? null : relayOff.warmUp(),
                relayOff == null ? null : relayOff.load(),
                withRelay == null ? null : withRelay.load(),
                relayOff == null ? null : relayOff.orderServiceCpu(),
                withRelay == null ? null : withRelay.orderServiceCpu(),
                results.cdcRates().stream().map(CdcAtRate.Result::api).toList(),
                results.apiWithRelays());
    }

    static void write(Results results, Path file) throws IOException {
        Files.writeString(file, Json.MAPPER.writeValueAsString(document(results)));
    }

    private static RunSettings settings(Results results) {
        BenchmarkOptions options = results.options();
        Map<String, String> producer = new TreeMap<>();
        Kafka.relayProducerSettings("-", "-").forEach((name, value) -> {
            if (!name.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)
                    && !name.equals(ProducerConfig.CLIENT_ID_CONFIG)) {
                producer.put(name, value instanceof Class<?> type ? type.getSimpleName() : value.toString());
            }
        });
        return new RunSettings(
                options.rates(),
                options.warmup().toMillis() / 1000.0,
                options.apiWarmup().toMillis() / 1000.0,
                options.duration().toMillis() / 1000.0,
                options.saturationDuration().toMillis() / 1000.0,
                options.backlogs(),
                options.threads(),
                options.connections(),
                OrderRows.description(),
                new TopicSettings(Kafka.TOPICS, Kafka.PARTITIONS, Kafka.REPLICATION_FACTOR, Kafka.topicConfig()),
                producer,
                PollingRelay.BASELINE,
                results.postgresSettings());
    }

    private static Map<String, PeakRss> peakRss(Results results) {
        Map<String, PeakRss> peakRss = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            peakRss.put(
                    service.toString(),
                    new PeakRss(
                            results.peakMiB(service),
                            results.peakRss().stream()
                                    .filter(rss -> rss.service() == service)
                                    .toList()));
        }
        return peakRss;
    }
}
