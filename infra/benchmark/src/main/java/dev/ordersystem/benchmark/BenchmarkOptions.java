package dev.ordersystem.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What to run.
 *
 * @param smoke a run of a few seconds per phase that only shows the harness works (its figures mean nothing)
 * @param only which phases run
 * @param rates offered rates (orders/s) of the fixed-rate phases
 * @param warmup unmeasured time at the start of every phase but the order API's saturation phases
 * @param apiWarmup unmeasured time at the start of the order API's saturation phases, and the warm-up of the freshly
 *     started pipeline before its fixed rates: long enough for the services' JIT to compile the request path and the
 *     consumer (with 5 s order-service's CPU per order was twice the steady state's)
 * @param duration measured time of every fixed-rate phase
 * @param saturationDuration measured time of every saturation phase (JDBC ceiling, API, raw producer)
 * @param backlogs sizes of the backlogs (outbox rows) written while a relay is stopped, for its drain rate; each relay
 *     drains one backlog of each size
 * @param threads client threads of the saturation phases (closed loop)
 * @param connections connections (HTTP or JDBC) of the fixed-rate phases (open loop)
 * @param settle how long to wait after a phase for its events on the topic and its notifications
 * @param output the JSON file; {@code null}: {@code infra/benchmark/target/benchmark-<timestamp>.json}
 */
record BenchmarkOptions(
        boolean smoke,
        Phases only,
        List<Integer> rates,
        Duration warmup,
        Duration apiWarmup,
        Duration duration,
        Duration saturationDuration,
        List<Integer> backlogs,
        int threads,
        int connections,
        Duration settle,
        @Nullable Path output) {

    /** What {@code --smoke} changes, for the options the command line does not give. */
    private static final Map<String, String> SMOKE = Map.of(
            "--rates", "100",
            "--warmup", "1s",
            "--api-warmup", "1s",
            "--duration", "2s",
            "--saturation-duration", "2s",
            "--backlogs", "500,2000",
            "--connections", "8",
            "--settle", "30s");

    /** Which phases a run measures. */
    enum Phases {
        /** Every phase: the table and goals of the issue. */
        ALL,
        /** Only the drains of both relays (the CDC relay is started once before, to create its slot and offsets). */
        DRAINS,
        /**
         * Only the JDBC ceiling, the order API at saturation with the relay off (with the CPU per order) and the token
         * validation: a before/after check of the API's cost.
         */
        API,
        /**
         * Only the CDC pipeline: order-service with the CDC relay and notification-service at every rate, the API at
         * saturation with both running, and the API with the CDC relay alone.
         */
        PIPELINE
    }

    /** The saturation phases' load: {@link #threads} back to back for {@link #saturationDuration}. */
    LoadGenerator.ClosedLoop saturation() {
        return new LoadGenerator.ClosedLoop(threads, warmup, saturationDuration);
    }

    /** A fixed-rate phase's load: {@code rate}/s for {@link #duration} on {@link #connections}. */
    LoadGenerator.OpenLoop openLoop(int rate) {
        return new LoadGenerator.OpenLoop(rate, warmup, duration, connections, settle);
    }

    /**
     * Parses the command line; empty for {@code --help}. The options given override {@code --smoke}'s values, wherever
     * they stand.
     *
     * @throws CommandLine.ParameterException for an unknown option or a bad value
     */
    static Optional<BenchmarkOptions> parse(String... args) {
        Cli cli = new Cli();
        CommandLine commandLine = commandLine(cli);
        commandLine.parseArgs(args);
        if (commandLine.isUsageHelpRequested()) {
            return Optional.empty();
        }
        if (cli.smoke) {
            cli = new Cli();
            commandLine(cli)
                    .setDefaultValueProvider(
                            arg -> arg instanceof OptionSpec option ? SMOKE.get(option.longestName()) : null)
                    .parseArgs(args);
        }
        return Optional.of(cli.options());
    }

    /** The text of {@code --help}. */
    static String usage() {
        return commandLine(new Cli()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static CommandLine commandLine(Cli cli) {
        CommandLine commandLine = new CommandLine(cli)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(Integer.class, BenchmarkOptions::positive)
                .registerConverter(int.class, BenchmarkOptions::positive)
                .registerConverter(Duration.class, BenchmarkOptions::duration);
        commandLine
                .getCommandSpec()
                .usageMessage()
                .footer(
                        "",
                        "--smoke runs "
                                + SMOKE.entrySet().stream()
                                        .sorted(Map.Entry.comparingByKey())
                                        .map(option -> option.getKey() + "=" + option.getValue())
                                        .collect(Collectors.joining(" "))
                                + " unless given otherwise.");
        return commandLine;
    }

    @Command(
            name = "./benchmark",
            sortOptions = false,
            usageHelpWidth = 120,
            description = {
                "Starts PostgreSQL, Kafka, a mail catcher, order-service and notification-service on this machine and"
                        + " measures, in one run: the order API (saturation and latency at fixed rates), the CDC relay"
                        + " (lag at those rates, drain rates of backlogs), end-to-end latency to the notification, and"
                        + " the baselines (plain JDBC, a polling relay, a raw Kafka producer). Prints a table and writes"
                        + " a JSON file. Takes 19 to 27 minutes; --smoke takes about two minutes and only shows that the"
                        + " harness works. Run it on a quiet machine: everything shares its cores.",
                ""
            })
    private static final class Cli {

        @Option(
                names = "--smoke",
                description = "a few seconds per phase: shows the harness works, figures mean nothing")
        boolean smoke;

        @Option(
                names = "--only",
                paramLabel = "<phases>",
                defaultValue = "all",
                description =
                        "which phases run: all; drains (the two relays' drains only); api (JDBC ceiling, order API"
                                + " with the relay off, token validation); pipeline (the CDC relay and the consumer at"
                                + " every rate and at saturation) (default: ${DEFAULT-VALUE})")
        Phases only = Phases.ALL;

        @Option(
                names = "--rates",
                split = ",",
                paramLabel = "<rate>",
                defaultValue = "50,100,200,400",
                description = "offered rates (orders/s) of the fixed-rate phases (default: ${DEFAULT-VALUE})")
        List<Integer> rates = new ArrayList<>();

        @Option(
                names = "--duration",
                paramLabel = "<duration>",
                defaultValue = "20s",
                description =
                        "measured time of every fixed-rate phase, e.g. 20s, 500ms, 2m (default: ${DEFAULT-VALUE})")
        Duration duration = Duration.ZERO;

        @Option(
                names = "--warmup",
                paramLabel = "<duration>",
                defaultValue = "5s",
                description = "unmeasured time at the start of every phase but the API's saturation phases (default:"
                        + " ${DEFAULT-VALUE})")
        Duration warmup = Duration.ZERO;

        @Option(
                names = "--api-warmup",
                paramLabel = "<duration>",
                defaultValue = "60s",
                description = "unmeasured time at the start of the order API's saturation phases, and at half the"
                        + " highest rate before the pipeline's fixed rates: for the JIT of freshly started services"
                        + " (default: ${DEFAULT-VALUE})")
        Duration apiWarmup = Duration.ZERO;

        @Option(
                names = "--saturation-duration",
                paramLabel = "<duration>",
                defaultValue = "20s",
                description = "measured time of the JDBC ceiling, the API at saturation and the raw producer"
                        + " (default: ${DEFAULT-VALUE})")
        Duration saturationDuration = Duration.ZERO;

        @Option(
                names = "--backlogs",
                split = ",",
                paramLabel = "<rows>",
                defaultValue = "10000,50000,200000",
                description = "sizes of the backlogs written while a relay is stopped, each drained by both relays"
                        + " (default: ${DEFAULT-VALUE})")
        List<Integer> backlogs = new ArrayList<>();

        @Option(
                names = "--threads",
                paramLabel = "<threads>",
                defaultValue = "4",
                description = "client threads of the saturation phases (default: ${DEFAULT-VALUE})")
        int threads;

        @Option(
                names = "--connections",
                paramLabel = "<connections>",
                defaultValue = "32",
                description = "HTTP or JDBC connections of the fixed-rate phases (default: ${DEFAULT-VALUE})")
        int connections;

        @Option(
                names = "--settle",
                paramLabel = "<duration>",
                defaultValue = "60s",
                description =
                        "how long to wait after a phase for its events and notifications (default: ${DEFAULT-VALUE})")
        Duration settle = Duration.ZERO;

        @Option(
                names = "--output",
                paramLabel = "<file.json>",
                description = "the JSON file (default: infra/benchmark/target/benchmark-<timestamp>.json)")
        @Nullable
        Path output;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "show this help")
        boolean help;

        BenchmarkOptions options() {
            return new BenchmarkOptions(
                    smoke,
                    only,
                    List.copyOf(rates),
                    warmup,
                    apiWarmup,
                    duration,
                    saturationDuration,
                    List.copyOf(backlogs),
                    threads,
                    connections,
                    settle,
                    output);
        }
    }

    /** {@code 20s}, {@code 500ms}, {@code 2m}, an ISO-8601 duration ({@code PT20S}) or plain seconds. */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
            }
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (RuntimeException e) {
            throw new TypeConversionException("not a duration (e.g. 20s, 500ms, 2m): " + value);
        }
    }

    /** A whole number above zero. */
    static int positive(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("not a positive whole number: " + value);
    }
}
