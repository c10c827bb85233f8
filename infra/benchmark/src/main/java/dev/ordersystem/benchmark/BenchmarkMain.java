package dev.ordersystem.benchmark;

import dev.ordersystem.system.OrderSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./benchmark}: runs the benchmark once, prints the table on stdout (progress goes to stderr) and writes the
 * JSON file. Exit code 0 when the run completed (whether or not the goals are met), 1 when it failed, 2 for a bad
 * command line.
 */
public final class BenchmarkMain {

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
    record Outcome(String table, Path json) {}

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
        Results results = Benchmark.run(options, output.getParent().resolve("benchmark-logs"));
        Report.write(results, output);
        return new Outcome(Table.render(results), output);
    }
}
