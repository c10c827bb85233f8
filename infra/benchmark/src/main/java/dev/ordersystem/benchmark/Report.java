package dev.ordersystem.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The results as a table for the terminal and as a JSON tree (maps and lists) for the file. */
final class Report {

    /** One goal of issue 7 next to what the run measured; reported, never asserted. */
    record Goal(String goal, String actual, @Nullable Boolean met) {}

    private final Results r;
    private final BenchmarkOptions options;

    Report(Results results, BenchmarkOptions options) {
        this.r = results;
        this.options = options;
    }

    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        return Math.round(value * 100) / 100.0;
    }

    // ---------------------------------------------------------------- ratios and goals

    @Nullable
    Double apiToJdbc() {
        if (r.apiSaturation == null || r.jdbcCeiling == null || r.jdbcCeiling.throughput() <= 0) {
            return null;
        }
        return r.apiSaturation.throughput() / r.jdbcCeiling.throughput();
    }

    @Nullable
    Double cdcToPollingP99(int rate) {
        Results.RatePhase cdc = r.cdcAt(rate);
        Results.RatePhase polling = r.pollingAt(rate);
        if (cdc == null || polling == null || polling.lag().ms().p99() <= 0) {
            return null;
        }
        return cdc.lag().ms().p99() / polling.lag().ms().p99();
    }

    @Nullable
    Double drainToRaw(Results.@Nullable Drain drain) {
        if (drain == null || r.rawProducer == null || r.rawProducer.recordsPerSecond() <= 0) {
            return null;
        }
        return drain.eventsPerSecond() / r.rawProducer.recordsPerSecond();
    }

    List<Goal> goals() {
        List<Goal> goals = new ArrayList<>();
        Double api = apiToJdbc();
        goals.add(new Goal(
                "API throughput at least 50% of the JDBC ceiling",
                api == null ? "not measured" : percent(api) + " of the JDBC ceiling", api == null ? null : api >= 0.5));

        List<String> perRate = new ArrayList<>();
        Boolean lagMet = null;
        for (int rate : options.rates()) {
            Double ratio = cdcToPollingP99(rate);
            if (ratio != null) {
                perRate.add(rate + "/s: " + fixed(ratio, 2));
                lagMet = (lagMet == null || lagMet) && ratio <= 1.0 / 3;
            }
        }
        goals.add(new Goal(
                "CDC p99 lag at most a third of the polling relay's at the same rate",
                perRate.isEmpty() ? "not measured" : "CDC/polling p99 " + String.join(", ", perRate),
                lagMet));

        Results.RatePhase at100 = r.cdcAt(100);
        goals.add(new Goal(
                "End-to-end p99 under 150 ms at 100 orders/s",
                at100 == null || at100.endToEnd() == null
                        ? "not measured (100/s not among the rates)"
                        : "p99 " + fixed(at100.endToEnd().ms().p99(), 1) + " ms",
                at100 == null || at100.endToEnd() == null
                        ? null
                        : at100.endToEnd().ms().p99() < 150));

        goals.add(new Goal(
                "Relay drain above 20,000 events/s",
                r.cdcDrain == null ? "not measured" : grouped(r.cdcDrain.eventsPerSecond()) + " events/s",
                r.cdcDrain == null ? null : r.cdcDrain.eventsPerSecond() > 20_000));

        double orders = r.peakMiB(Benchmark.ORDER_SERVICE);
        double notifications = r.peakMiB(Benchmark.NOTIFICATION_SERVICE);
        goals.add(new Goal(
                "Each service under 512 MiB RSS",
                "order-service " + fixed(orders, 0) + " MiB, notification-service " + fixed(notifications, 0) + " MiB",
                orders <= 0 || notifications <= 0 ? null : orders < 512 && notifications < 512));
        return goals;
    }

    // ---------------------------------------------------------------- JSON

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "order-system pipeline and baselines (issue 7)");
        json.put("mode", options.smoke() ? "smoke (figures are not meaningful)" : "full");
        json.put("startedAt", r.startedAt);
        json.put("finishedAt", r.finishedAt);
        json.put("durationSeconds", round(r.seconds));
        json.put("machine", r.machine);
        json.put("versions", r.versions);
        json.put("settings", settings());
        json.put("methodology", Methodology.all());

        Map<String, Object> api = new LinkedHashMap<>();
        api.put("saturation", closedLoop(r.apiSaturation));
        api.put("saturationWithRelayAndConsumer", closedLoop(r.apiSaturationWithRelay));
        List<Object> apiRates = new ArrayList<>();
        for (Results.RatePhase phase : r.cdcRates) {
            if (phase.api() != null) {
                apiRates.add(openLoop(phase.api()));
            }
        }
        api.put("fixedRates", apiRates);
        json.put("api", api);

        Map<String, Object> relay = new LinkedHashMap<>();
        relay.put("fixedRates", rates(r.cdcRates, "relayTimerFromPrometheus"));
        relay.put("drain", drain(r.cdcDrain));
        json.put("cdcRelay", relay);

        List<Object> endToEnd = new ArrayList<>();
        for (Results.RatePhase phase : r.cdcRates) {
            if (phase.endToEnd() != null) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("rate", phase.rate());
                entry.put("events", phase.endToEnd().expected());
                entry.put("missing", phase.endToEnd().missing());
                entry.put("latencyMs", phase.endToEnd().ms().toJson());
                endToEnd.add(entry);
            }
        }
        json.put("endToEnd", Map.of("fixedRates", endToEnd));

        Map<String, Object> baselines = new LinkedHashMap<>();
        baselines.put("jdbcCeiling", closedLoop(r.jdbcCeiling));
        Map<String, Object> polling = new LinkedHashMap<>();
        polling.put("fixedRates", rates(r.pollingRates, "producerCallbackLag"));
        polling.put("drain", drain(r.pollingDrain));
        baselines.put("pollingRelay", polling);
        baselines.put("rawProducer", rawProducer());
        json.put("baselines", baselines);

        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("apiThroughputToJdbcCeiling", roundOrNull(apiToJdbc()));
        Map<String, Object> lagRatios = new LinkedHashMap<>();
        for (int rate : options.rates()) {
            lagRatios.put(Integer.toString(rate), roundOrNull(cdcToPollingP99(rate)));
        }
        ratios.put("cdcP99LagToPollingP99LagByRate", lagRatios);
        ratios.put("cdcDrainToRawProducer", roundOrNull(drainToRaw(r.cdcDrain)));
        ratios.put("pollingDrainToRawProducer", roundOrNull(drainToRaw(r.pollingDrain)));
        json.put("ratios", ratios);

        Map<String, Object> rss = new LinkedHashMap<>();
        for (String service : List.of(Benchmark.ORDER_SERVICE, Benchmark.NOTIFICATION_SERVICE)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("peakMiB", round(r.peakMiB(service)));
            List<Object> instances = new ArrayList<>();
            for (Results.Rss one : r.rss) {
                if (one.service().equals(service)) {
                    Map<String, Object> instance = new LinkedHashMap<>();
                    instance.put("instance", one.instance());
                    instance.put("pid", one.pid());
                    instance.put("vmHwmMiB", round(one.vmHwmKiB() / 1024.0));
                    instance.put("vmRssMiBAtStop", round(one.vmRssKiB() / 1024.0));
                    instance.put("jvmOptions", one.jvmOptions());
                    instances.add(instance);
                }
            }
            entry.put("instances", instances);
            rss.put(service, entry);
        }
        json.put("peakRss", rss);

        List<Object> goals = new ArrayList<>();
        for (Goal goal : goals()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("goal", goal.goal());
            entry.put("actual", goal.actual());
            entry.put("met", goal.met() == null ? "not measured" : goal.met());
            goals.add(entry);
        }
        json.put("goals", goals);

        List<Object> phases = new ArrayList<>();
        for (Results.Phase phase : r.phases) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("phase", phase.name());
            entry.put("startedAt", phase.startedAt());
            entry.put("seconds", phase.seconds());
            entry.put("loadAverageAtStart", phase.loadAverageAtStart());
            phases.add(entry);
        }
        json.put("phases", phases);
        return json;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rates", options.rates());
        settings.put("warmupSeconds", options.warmup().toMillis() / 1000.0);
        settings.put("fixedRateSeconds", options.duration().toMillis() / 1000.0);
        settings.put("saturationSeconds", options.saturationDuration().toMillis() / 1000.0);
        settings.put("backlog", options.backlog());
        settings.put("saturationThreads", options.threads());
        settings.put("openLoopConnections", options.connections());
        settings.put(
                "order",
                "POST /orders with 2 lines (BOOK-1 x1 at 12.50, PEN-7 x2 at 3.99), EUR; one OrderPlaced event per order");
        settings.put(
                "topics",
                Map.of(
                        "names",
                        List.of(Kafka.EVENTS_TOPIC, Kafka.POLLING_TOPIC, Kafka.RAW_TOPIC),
                        "partitions",
                        Kafka.PARTITIONS,
                        "replicationFactor",
                        1,
                        "config",
                        Kafka.topicConfig()));
        Map<String, Object> producer = new LinkedHashMap<>(Kafka.relayProducerSettings("-", "-"));
        producer.remove("bootstrap.servers");
        producer.remove("client.id");
        producer.replaceAll((k, v) -> v instanceof Class<?> c ? c.getSimpleName() : v.toString());
        settings.put("producer", producer);
        settings.put(
                "pollingRelay",
                Map.of(
                        "batchSize",
                        500,
                        "intervalMs",
                        100,
                        "table",
                        Database.POLLING_OUTBOX,
                        "topic",
                        Kafka.POLLING_TOPIC));
        settings.put("postgresql", r.postgresSettings);
        return settings;
    }

    private static @Nullable Map<String, Object> closedLoop(LoadGenerator.@Nullable ClosedLoopResult result) {
        if (result == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("threads", result.threads());
        json.put("seconds", result.measuredSeconds());
        json.put("completed", result.completed());
        json.put("errors", result.errors());
        json.put("throughputPerSecond", round(result.throughput()));
        json.put("latencyMs", result.latency().toJson());
        if (result.firstError() != null) {
            json.put("firstError", result.firstError());
        }
        return json;
    }

    private static Map<String, Object> openLoop(LoadGenerator.OpenLoopResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("offeredRate", result.offeredRate());
        json.put("achievedRate", round(result.achievedRate()));
        json.put("seconds", result.measuredSeconds());
        json.put("scheduled", result.scheduled());
        json.put("completed", result.completed());
        json.put("errors", result.errors());
        json.put("abandoned", result.abandoned());
        json.put("latencyMs", result.latency().toJson());
        json.put("serviceTimeMs", result.serviceTime().toJson());
        if (result.firstError() != null) {
            json.put("firstError", result.firstError());
        }
        return json;
    }

    private static List<Object> rates(List<Results.RatePhase> phases, String selfReportedName) {
        List<Object> list = new ArrayList<>();
        for (Results.RatePhase phase : phases) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rate", phase.rate());
            json.put("events", phase.lag().expected());
            json.put("missing", phase.lag().missing());
            json.put("lagMs", phase.lag().ms().toJson());
            json.put(selfReportedName, phase.selfReportedLag());
            list.add(json);
        }
        return list;
    }

    private static @Nullable Map<String, Object> drain(Results.@Nullable Drain drain) {
        if (drain == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backlog", drain.backlog());
        json.put("records", drain.records());
        json.put("missing", drain.missing());
        json.put("backlogWriteSeconds", round(drain.writeSeconds()));
        json.put("firstToLastSeconds", round(drain.firstToLastSeconds()));
        json.put("startToLastSeconds", round(drain.startToLastSeconds()));
        json.put("eventsPerSecond", round(drain.eventsPerSecond()));
        return json;
    }

    private @Nullable Map<String, Object> rawProducer() {
        Results.RawProducer raw = r.rawProducer;
        if (raw == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("records", raw.records());
        json.put("firstToLastSeconds", round(raw.firstToLastSeconds()));
        json.put("recordsPerSecond", round(raw.recordsPerSecond()));
        json.put("producerSideRecordsPerSecond", round(raw.producerSideRecordsPerSecond()));
        json.put("keyBytes", raw.keyBytes());
        json.put("valueBytes", raw.valueBytes());
        json.put("headerBytes", raw.headerBytes());
        return json;
    }

    private static @Nullable Double roundOrNull(@Nullable Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }

    // ---------------------------------------------------------------- table

    String table() {
        StringBuilder out = new StringBuilder();
        String cores = r.machine.get("availableProcessors") + " cores (" + r.machine.get("cpuModel") + ")";
        out.append("Order system benchmark")
                .append(options.smoke() ? " -- SMOKE RUN, figures not meaningful" : "")
                .append('\n');
        line(
                out,
                "Date %s, %.0f s; %s, %s MiB; load average at start %s",
                r.startedAt,
                r.seconds,
                cores,
                r.machine.get("memoryMiB"),
                r.machine.get("loadAverageAtStart"));
        line(
                out,
                "Java %s; Kafka %s; Debezium %s; Spring Boot %s; %s",
                version("java"),
                version("kafka"),
                version("debezium"),
                version("springBoot"),
                shortPostgres());
        out.append('\n');

        line(
                out,
                "Throughput at saturation (closed loop, %d threads, %s s)",
                options.threads(),
                seconds(options.saturationDuration().toMillis()));
        Results.RawProducer raw = r.rawProducer;
        if (r.jdbcCeiling != null) {
            line(
                    out,
                    "  %-58s %10s orders/s",
                    "JDBC ceiling (order + lines + outbox tx, no HTTP)",
                    grouped(r.jdbcCeiling.throughput()));
        }
        if (r.apiSaturation != null) {
            Double ratio = apiToJdbc();
            line(
                    out,
                    "  %-58s %10s orders/s  (%s of JDBC ceiling)",
                    "Order API over HTTP, relay off",
                    grouped(r.apiSaturation.throughput()),
                    ratio == null ? "-" : percent(ratio));
        }
        if (r.apiSaturationWithRelay != null) {
            line(
                    out,
                    "  %-58s %10s orders/s",
                    "Order API over HTTP, CDC relay + consumer running",
                    grouped(r.apiSaturationWithRelay.throughput()));
        }
        if (raw != null) {
            line(
                    out,
                    "  %-58s %10s records/s (%d B value)",
                    "Raw Kafka producer (acks=all, idempotent, 1 thread)",
                    grouped(raw.recordsPerSecond()),
                    raw.valueBytes());
        }
        out.append('\n');

        line(
                out,
                "Latency at fixed offered rates, ms (open loop, %s s each after %s s warm-up)",
                seconds(options.duration().toMillis()),
                seconds(options.warmup().toMillis()));
        line(
                out,
                "  %6s | %-17s | %-23s | %-23s | %-8s | %-15s",
                "rate/s",
                "API p50 / p99",
                "CDC lag p50/p99/max",
                "polling lag p50/p99/max",
                "CDC/poll",
                "e2e p50 / p99");
        for (int rate : options.rates()) {
            Results.RatePhase cdc = r.cdcAt(rate);
            Results.RatePhase polling = r.pollingAt(rate);
            Double ratio = cdcToPollingP99(rate);
            line(
                    out,
                    "  %6d | %-17s | %-23s | %-23s | %-8s | %-15s",
                    rate,
                    cdc == null || cdc.api() == null
                            ? "-"
                            : pair(
                                    cdc.api().latency().p50(),
                                    cdc.api().latency().p99()),
                    cdc == null ? "-" : triple(cdc.lag().ms()) + missing(cdc.lag()),
                    polling == null ? "-" : triple(polling.lag().ms()) + missing(polling.lag()),
                    ratio == null ? "-" : fixed(ratio, 2),
                    cdc == null || cdc.endToEnd() == null
                            ? "-"
                            : pair(
                                            cdc.endToEnd().ms().p50(),
                                            cdc.endToEnd().ms().p99())
                                    + missing(cdc.endToEnd()));
        }
        for (Results.RatePhase cdc : r.cdcRates) {
            if (cdc.api() != null
                    && (cdc.api().errors() > 0
                            || cdc.api().abandoned() > 0
                            || cdc.api().achievedRate() < 0.95 * cdc.rate())) {
                line(
                        out,
                        "  ! at %d/s the API answered %.1f/s, %d errors, %d unanswered",
                        cdc.rate(),
                        cdc.api().achievedRate(),
                        cdc.api().errors(),
                        cdc.api().abandoned());
            }
        }
        out.append('\n');

        line(
                out,
                "Drain of a %s-row backlog written while the relay was stopped (first to last record)",
                grouped(options.backlog()));
        drainLine(out, "CDC relay (embedded Debezium, in order-service)", r.cdcDrain);
        drainLine(out, "Polling relay (SKIP LOCKED, batch 500, 100 ms)", r.pollingDrain);
        out.append('\n');

        line(
                out,
                "Peak RSS (VmHWM): order-service %s MiB, notification-service %s MiB",
                fixed(r.peakMiB(Benchmark.ORDER_SERVICE), 0),
                fixed(r.peakMiB(Benchmark.NOTIFICATION_SERVICE), 0));
        out.append('\n');

        line(out, "Goals (issue 7)");
        for (Goal goal : goals()) {
            String mark = goal.met() == null ? "n/a" : goal.met() ? "met" : "NOT met";
            line(out, "  %-8s %-70s %s", "[" + mark + "]", goal.goal(), goal.actual());
        }
        out.append('\n');
        line(out, "How: commit = PostgreSQL commit timestamp of the order's transaction (pg_xact_commit_timestamp);");
        line(
                out,
                "     ack = the record's LogAppendTime on the broker (acks=all, 1 broker); e2e ends at the notification's");
        line(out, "     commit timestamp; API latency from the intended send time (coordinated omission corrected).");
        line(
                out,
                "     Everything shares %s cores. Details per figure: \"methodology\" in the JSON file.",
                r.machine.get("availableProcessors"));
        return out.toString();
    }

    private void drainLine(StringBuilder out, String name, Results.@Nullable Drain drain) {
        if (drain == null) {
            return;
        }
        Double ratio = drainToRaw(drain);
        line(
                out,
                "  %-50s %10s events/s  (%s of raw producer; %d/%d records, %.1f s after start)",
                name,
                grouped(drain.eventsPerSecond()),
                ratio == null ? "-" : percent(ratio),
                drain.records(),
                drain.backlog(),
                drain.startToLastSeconds());
    }

    private String version(String component) {
        return r.versions.getOrDefault(component, "?");
    }

    private String shortPostgres() {
        String version = r.versions.getOrDefault("postgresql", "PostgreSQL ?");
        int on = version.indexOf(" on ");
        return on > 0 ? version.substring(0, on) : version;
    }

    private static String missing(Results.Latencies latencies) {
        return latencies.missing() > 0 ? " (" + latencies.missing() + " missing)" : "";
    }

    private static String pair(double a, double b) {
        return fixed(a, 1) + " / " + fixed(b, 1);
    }

    private static String triple(Samples.Summary s) {
        return fixed(s.p50(), 1) + "/" + fixed(s.p99(), 1) + "/" + fixed(s.max(), 1);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String grouped(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : fixed(millis / 1000.0, 1);
    }
}
