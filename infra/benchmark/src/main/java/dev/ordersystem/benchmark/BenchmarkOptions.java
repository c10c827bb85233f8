package dev.ordersystem.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What to run.
 *
 * @param smoke a run of a few seconds per phase that only shows the harness works (its figures mean nothing)
 * @param rates offered rates (orders/s) of the fixed-rate phases
 * @param warmup unmeasured time at the start of every phase
 * @param duration measured time of every fixed-rate phase
 * @param saturationDuration measured time of every saturation phase (JDBC ceiling, API, raw producer)
 * @param backlog outbox rows written while a relay is stopped, for the drain rate
 * @param threads client threads of the saturation phases (closed loop)
 * @param connections connections (HTTP or JDBC) of the fixed-rate phases (open loop)
 * @param settle how long to wait after a phase for its events on the topic and its notifications
 * @param output the JSON file; {@code null}: {@code infra/benchmark/target/benchmark-<timestamp>.json}
 */
record BenchmarkOptions(
        boolean smoke,
        List<Integer> rates,
        Duration warmup,
        Duration duration,
        Duration saturationDuration,
        int backlog,
        int threads,
        int connections,
        Duration settle,
        @Nullable Path output) {

    static final String USAGE = """
            Usage: ./benchmark [--smoke] [--rates=50,100,200,400] [--duration=20s] [--warmup=5s]
                               [--saturation-duration=20s] [--backlog=50000] [--threads=4] [--connections=32]
                               [--settle=60s] [--output=<file.json>]

            Starts PostgreSQL, Kafka, a mail catcher, order-service and notification-service on this machine and
            measures, in one run: the order API (saturation and latency at fixed rates), the CDC relay (lag at those
            rates, drain rate of a backlog), end-to-end latency to the notification, and the baselines (plain JDBC,
            a polling relay, a raw Kafka producer). Prints a table and writes a JSON file (default
            infra/benchmark/target/benchmark-<timestamp>.json). Takes about 8 minutes; --smoke takes about a minute
            and only shows that the harness works. Run it on a quiet machine: everything shares its cores.
            """;

    static BenchmarkOptions defaults() {
        return new BenchmarkOptions(
                false,
                List.of(50, 100, 200, 400),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Duration.ofSeconds(20),
                50_000,
                4,
                32,
                Duration.ofSeconds(60),
                null);
    }

    static BenchmarkOptions smokeDefaults() {
        return new BenchmarkOptions(
                true,
                List.of(100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                2_000,
                4,
                8,
                Duration.ofSeconds(30),
                null);
    }

    /** Parses the command line; {@code null} for {@code --help}. Later options override {@code --smoke}'s values. */
    static @Nullable BenchmarkOptions parse(String[] args) {
        BenchmarkOptions options = defaults();
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                options = smokeDefaults();
            }
        }
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (arg.equals("--smoke")) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            options = switch (name) {
                case "rates" -> options.withRates(rates(value));
                case "duration" ->
                    options.withDurations(options.warmup, duration(value), options.saturationDuration, options.settle);
                case "warmup" ->
                    options.withDurations(
                            duration(value), options.duration, options.saturationDuration, options.settle);
                case "saturation-duration" ->
                    options.withDurations(options.warmup, options.duration, duration(value), options.settle);
                case "settle" ->
                    options.withDurations(
                            options.warmup, options.duration, options.saturationDuration, duration(value));
                case "backlog" -> options.withInts(positive(name, value), options.threads, options.connections);
                case "threads" -> options.withInts(options.backlog, positive(name, value), options.connections);
                case "connections" -> options.withInts(options.backlog, options.threads, positive(name, value));
                case "output" -> options.withOutput(Path.of(value));
                default -> throw new IllegalArgumentException("Unknown option: --" + name);
            };
        }
        return options;
    }

    private BenchmarkOptions withDurations(
            Duration newWarmup, Duration newDuration, Duration newSaturation, Duration newSettle) {
        return new BenchmarkOptions(
                smoke, rates, newWarmup, newDuration, newSaturation, backlog, threads, connections, newSettle, output);
    }

    private BenchmarkOptions withRates(List<Integer> newRates) {
        return new BenchmarkOptions(
                smoke, newRates, warmup, duration, saturationDuration, backlog, threads, connections, settle, output);
    }

    private BenchmarkOptions withInts(int newBacklog, int newThreads, int newConnections) {
        return new BenchmarkOptions(
                smoke,
                rates,
                warmup,
                duration,
                saturationDuration,
                newBacklog,
                newThreads,
                newConnections,
                settle,
                output);
    }

    private BenchmarkOptions withOutput(Path path) {
        return new BenchmarkOptions(
                smoke, rates, warmup, duration, saturationDuration, backlog, threads, connections, settle, path);
    }

    static List<Integer> rates(String value) {
        List<Integer> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            rates.add(positive("rates", part.trim()));
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("--rates needs at least one rate");
        }
        return List.copyOf(rates);
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
            throw new IllegalArgumentException("Not a duration (e.g. 20s, 500ms, 2m): " + value);
        }
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number, was " + value);
    }
}
