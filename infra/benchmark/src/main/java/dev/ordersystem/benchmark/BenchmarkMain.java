package dev.ordersystem.benchmark;

import dev.ordersystem.system.OrderSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./benchmark}: runs the benchmark once, prints the table on stdout (progress goes to stderr) and writes the
 * JSON file. Exit code 0 when the run completed (whether or not the goals are met), 1 when it failed, 2 for a bad
 * command line.
 */
public final class BenchmarkMain {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private BenchmarkMain() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "benchmark-logback.xml");
        }
        Optional<BenchmarkOptions> options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (ParameterException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.usage());
            System.exit(2);
            return;
        }
        if (options.isEmpty()) {
            System.out.print(BenchmarkOptions.usage());
            return;
        }
        try {
            Outcome outcome = run(options.get());
            System.out.println();
            System.out.print(outcome.table());
            System.out.println();
            System.out.println("JSON: " + outcome.json());
            System.exit(0);
        } catch (Exception e) {
            System.err.println("The benchmark failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /** The table that was printed and the JSON file that was written. */
    record Outcome(String table, Path json, Map<String, Object> report) {}

    /** Runs the benchmark and writes its JSON file; does not print the table. */
    static Outcome run(BenchmarkOptions options) throws Exception {
        Path output = options.output() != null
                ? options.output().toAbsolutePath()
                : OrderSystem.projectRoot()
                        .resolve("infra/benchmark/target")
                        .resolve("benchmark-"
                                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                                + ".json");
        Files.createDirectories(output.getParent());
        Benchmark benchmark = new Benchmark(options, output.getParent().resolve("benchmark-logs"));
        Thread hook = new Thread(benchmark::close, "benchmark-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Results results;
        try {
            results = benchmark.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        Report report = new Report(results, options);
        Map<String, Object> json = report.toJson();
        write(output, json);
        return new Outcome(report.table(), output, json);
    }

    private static void write(Path output, Map<String, Object> json) throws IOException {
        Files.writeString(output, JSON.writeValueAsString(json));
    }
}
