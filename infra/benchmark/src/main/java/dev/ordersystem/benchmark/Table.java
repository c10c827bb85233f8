package dev.ordersystem.benchmark;

import static dev.ordersystem.benchmark.Format.fixed;
import static dev.ordersystem.benchmark.Format.grouped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** The results as a table for the terminal, rendered from the same records as the JSON file. */
final class Table {

    /** One line of the throughput section: a figure per second, and a note that sets it against its baseline. */
    private record Throughput(String label, double perSecond, String unitAndNote) {}

    private final Results results;
    private final Ratios ratios;
    private final StringBuilder out = new StringBuilder();

    private Table(Results results) {
        this.results = results;
        this.ratios = Ratios.of(results);
    }

    static String render(Results results) {
        return new Table(results).render();
    }

    private String render() {
        BenchmarkOptions options = results.options();
        Machine.Description machine = results.machine();
        line("Order system benchmark" + (options.smoke() ? " -- SMOKE RUN, figures not meaningful" : ""));
        line(
                "Date %s, %.0f s; %s cores (%s), %s MiB; load average at start %s",
                results.startedAt(),
                results.seconds(),
                machine.availableProcessors(),
                machine.cpuModel(),
                machine.memoryMiB(),
                machine.loadAverageAtStart());
        line(
                "Java %s; Kafka %s; Debezium %s; Spring Boot %s; %s",
                version("java"), version("kafka"), version("debezium"), version("springBoot"), shortPostgres());
        line(
                "PostgreSQL fsync=%s, synchronous_commit=%s, full_page_writes=%s%s",
                postgresSetting("fsync"),
                postgresSetting("synchronous_commit"),
                postgresSetting("full_page_writes"),
                "on".equals(postgresSetting("fsync"))
                        ? " (production durability: a commit waits for its WAL flush)"
                        : "");
        line("");

        switch (options.only()) {
            case ALL -> {
                saturation(options);
                relayCosts();
                latencies(options);
            }
            case API -> saturation(options);
            case PIPELINE -> {
                pipelineSaturation();
                relayCosts();
                latencies(options);
            }
            case DRAINS -> {}
        }
        if (!results.cdcDrains().isEmpty()) {
            drains();
        }

        line(
                "Peak RSS (VmHWM): %s",
                Arrays.stream(Service.values())
                        .map(service -> service + " " + fixed(results.peakMiB(service), 0) + " MiB")
                        .collect(Collectors.joining(", ")));
        line("");

        line("Goals");
        for (Goal goal : Goal.ALL) {
            Goal.Verdict verdict = goal.judge(results);
            line("  %-8s %-70s %s", "[" + verdict.met().mark() + "]", verdict.goal(), verdict.actual());
        }
        line("");
        line("How: commit = PostgreSQL commit timestamp of the order's transaction (pg_xact_commit_timestamp);");
        line(
                "     ack = the record's LogAppendTime on the broker (acks=all, 1 broker); e2e ends at the notification's");
        line("     commit timestamp; API latency from the intended send time (coordinated omission corrected).");
        line(
                "     Everything shares %s cores. Details per figure: \"methodology\" in the JSON file.",
                machine.availableProcessors());
        return out.toString();
    }

    private void drains() {
        PollingRelay.Settings polling = PollingRelay.BASELINE;
        line("Drains of backlogs written while the relay was stopped (first to last record); PostgreSQL CPU (all its"
                + " processes) from the relay's start to its last record");
        line(
                "  CDC relay: embedded Debezium in order-service; polling relay: SKIP LOCKED, batch %d, %d ms",
                polling.batchSize(), polling.intervalMs());
        String drainRow = "  %9s | %-26s | %-26s | %-9s | %-25s";
        line(
                drainRow,
                "backlog",
                "CDC events/s (s from start)",
                "polling events/s",
                "CDC/poll",
                "PG CPU µs/event CDC/poll");
        for (int i = 0; i < results.cdcDrains().size(); i++) {
            Drain.Result cdc = results.cdcDrains().get(i);
            Drain.Result poll = results.pollingDrains().get(i);
            line(
                    drainRow,
                    grouped(cdc.backlog()),
                    grouped(cdc.eventsPerSecond()) + " (" + fixed(cdc.startToLastSeconds(), 1) + " s)"
                            + missing(cdc.missing()),
                    grouped(poll.eventsPerSecond()) + " (" + fixed(poll.startToLastSeconds(), 1) + " s)"
                            + missing(poll.missing()),
                    ratios.cdcToPollingDrain(cdc.backlog())
                            .map(ratio -> fixed(ratio, 2))
                            .orElse("-"),
                    fixed(cdc.databaseCpuMicrosPerEvent(), 0) + " / " + fixed(poll.databaseCpuMicrosPerEvent(), 0));
        }
        if (results.rawProducer() != null) {
            line(
                    "  largest backlog against the raw producer: CDC %s, polling %s",
                    Optional.ofNullable(ratios.cdcDrainToRawProducer())
                            .map(Format::percent)
                            .orElse("-"),
                    Optional.ofNullable(ratios.pollingDrainToRawProducer())
                            .map(Format::percent)
                            .orElse("-"));
        }
        line("");
    }

    /**
     * The saturation phases that ran: throughputs, the CPU per order of order-service and what authentication costs
     * ({@code --only api}: the JDBC ceiling and the API with the relay off only).
     */
    private void saturation(BenchmarkOptions options) {
        JitWarmUp.Result warmUp = Objects.requireNonNull(results.apiSaturation().warmUp());
        line(
                "Throughput at saturation (closed loop, %d threads, %s s; the API after %s s of warm-up, %s)",
                options.threads(),
                Format.seconds(options.saturationDuration()),
                fixed(warmUp.seconds(), 0),
                warmUp.quiet()
                        ? "when the JIT compilers were quiet"
                        : "the JIT compilers still at " + fixed(warmUp.compilerCores(), 2) + " of a core");
        for (Throughput row : throughputs()) {
            line("  %-58s %10s %s", row.label(), grouped(row.perSecond()), row.unitAndNote());
        }
        ApiSaturation.Result withRelay = results.apiSaturationWithRelay();
        line(
                "  %-58s %10s µs per order%s",
                "order-service CPU (user + system, all threads)",
                grouped(results.apiSaturation().orderServiceCpu().microsPerOrder()),
                withRelay == null
                        ? ""
                        : " (with CDC relay + consumer: "
                                + grouped(withRelay.orderServiceCpu().microsPerOrder()) + " µs)");
        line(
                "  %-58s %10s µs per request (%s of the CPU at the API's saturation throughput)",
                "Authentication: bearer token validation (RS256, iss, exp)",
                fixed(results.tokenValidation().microsPerToken(), 1),
                Optional.ofNullable(ratios.authenticationShareOfApiThroughput())
                        .map(share -> fixed(share * 100, 1) + "%")
                        .orElse("-"));
        line("");
    }

    /** {@code --only pipeline}: the API at saturation with the CDC relay and the consumer running. */
    private void pipelineSaturation() {
        ApiSaturation.Result withRelay = results.apiSaturationWithRelay();
        if (withRelay != null) {
            line(
                    "Order API over HTTP, CDC relay + consumer running: %s orders/s, order-service CPU %s µs per order",
                    grouped(withRelay.load().throughputPerSecond()),
                    grouped(withRelay.orderServiceCpu().microsPerOrder()));
            line("");
        }
    }

    /** What each relay costs the order API, for the relays measured. */
    private void relayCosts() {
        if (!results.apiWithRelays().isEmpty()) {
            line("What each relay costs the order API (the relay running, no consumer; a warm order-service)");
            String row = "  %-8s | %-22s | %-17s | %s";
            line(row, "relay", "API at saturation", "CPU µs per order", "API p50 / p99 at rate");
            for (ApiWithRelay.Result relay : results.apiWithRelays()) {
                line(
                        row,
                        relay.relay(),
                        grouped(relay.saturation().load().throughputPerSecond()) + " orders/s",
                        grouped(relay.saturation().orderServiceCpu().microsPerOrder()),
                        pair(
                                        relay.atRate().latencyMs().p50(),
                                        relay.atRate().latencyMs().p99()) + " at "
                                + grouped(relay.atRate().offeredRate()) + "/s");
            }
            line("");
        }
    }

    /** The pipeline at the fixed rates: API latency, both relays' lag, end to end. */
    private void latencies(BenchmarkOptions options) {
        line(
                "Latency at fixed offered rates, ms (open loop, %s s each after %s s warm-up)",
                Format.seconds(options.duration()), Format.seconds(options.warmup()));
        String rateRow = "  %6s | %-17s | %-23s | %-23s | %-8s | %-15s";
        line(
                rateRow,
                "rate/s",
                "API p50 / p99",
                "CDC lag p50/p99/max",
                "polling lag p50/p99/max",
                "CDC/poll",
                "e2e p50 / p99");
        for (CdcAtRate.Result cdc : results.cdcRates()) {
            int rate = cdc.relayLag().rate();
            line(
                    rateRow,
                    rate,
                    pair(cdc.api().latencyMs().p50(), cdc.api().latencyMs().p99()),
                    triple(cdc.relayLag().lagMs()) + missing(cdc.relayLag().missing()),
                    results.pollingAt(rate)
                            .map(polling -> triple(polling.lagMs()) + missing(polling.missing()))
                            .orElse("-"),
                    ratios.cdcToPollingP99(rate).map(ratio -> fixed(ratio, 2)).orElse("-"),
                    pair(
                                    cdc.endToEnd().latencyMs().p50(),
                                    cdc.endToEnd().latencyMs().p99())
                            + missing(cdc.endToEnd().missing()));
        }
        for (CdcAtRate.Result cdc : results.cdcRates()) {
            LoadGenerator.OpenLoopResult api = cdc.api();
            if (api.errors() > 0 || api.abandoned() > 0 || api.achievedRate() < 0.95 * api.offeredRate()) {
                line(
                        "  ! at %.0f/s the API answered %.1f/s, %d errors, %d unanswered",
                        api.offeredRate(), api.achievedRate(), api.errors(), api.abandoned());
            }
        }
        line("");
        line("CPU per order at the fixed rates, µs (each process in the measured window / orders placed in it)");
        String cpuRow = "  %6s | %13s | %20s | %10s | %22s | %8s | %s";
        line(
                cpuRow,
                "rate/s",
                "order-service",
                "notification-service",
                "PostgreSQL",
                "broker+load (this JVM)",
                "total",
                "cores busy");
        for (CdcAtRate.Result cdc : results.cdcRates()) {
            PipelineCpu cpu = cdc.cpu();
            line(
                    cpuRow,
                    cdc.relayLag().rate(),
                    grouped(cpu.orderService()),
                    grouped(cpu.notificationService()),
                    grouped(cpu.postgres()),
                    grouped(cpu.benchmark()),
                    grouped(cpu.total()),
                    Format.percent(cpu.machineBusy()));
        }
        line("");
    }

    /** The saturation rows of the phases that ran. */
    private List<Throughput> throughputs() {
        List<Throughput> rows = new ArrayList<>();
        rows.add(new Throughput(
                "JDBC ceiling (order + lines + outbox tx, no HTTP)",
                results.jdbcCeiling().throughputPerSecond(),
                "orders/s"));
        rows.add(new Throughput(
                "Order API over HTTP, relay off",
                results.apiSaturation().load().throughputPerSecond(),
                "orders/s  ("
                        + Optional.ofNullable(ratios.apiThroughputToJdbcCeiling())
                                .map(Format::percent)
                                .orElse("-")
                        + " of JDBC ceiling)"));
        if (results.apiSaturationWithRelay() != null) {
            rows.add(new Throughput(
                    "Order API over HTTP, CDC relay + consumer running",
                    results.apiSaturationWithRelay().load().throughputPerSecond(),
                    "orders/s"));
        }
        if (results.rawProducer() != null) {
            rows.add(new Throughput(
                    "Raw Kafka producer (acks=all, idempotent, 1 thread)",
                    results.rawProducer().recordsPerSecond(),
                    "records/s (" + results.rawProducer().valueBytes() + " B value)"));
        }
        return rows;
    }

    private String version(String component) {
        return results.versions().getOrDefault(component, "?");
    }

    private String postgresSetting(String name) {
        return results.postgresSettings().getOrDefault(name, "?");
    }

    private String shortPostgres() {
        String version = results.versions().getOrDefault("postgresql", "PostgreSQL ?");
        int on = version.indexOf(" on ");
        return on > 0 ? version.substring(0, on) : version;
    }

    private static String missing(int missing) {
        return missing > 0 ? " (" + missing + " missing)" : "";
    }

    private static String pair(double a, double b) {
        return fixed(a, 1) + " / " + fixed(b, 1);
    }

    private static String triple(Samples.Summary s) {
        return fixed(s.p50(), 1) + "/" + fixed(s.p99(), 1) + "/" + fixed(s.max(), 1);
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
