package dev.ordersystem.localstack;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs a {@link LocalStack} until Ctrl-C (or SIGTERM), then stops it: PostgreSQL and Kafka for running the services
 * on a developer machine. Prints the JDBC URLs, user, password and Kafka bootstrap servers. Exit code 2 means bad
 * arguments or a port already in use; 1 means the stack did not start.
 *
 * <pre>
 * java -jar local-stack-exec.jar [--postgres-port=5432] [--kafka-port=9092] [--mode=local|testcontainers|auto]
 * </pre>
 */
@Command(
        name = "local-stack",
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Starts a real PostgreSQL 17 (wal_level=logical) and a real Kafka broker (KRaft), creates the databases of"
                    + " the services and runs until Ctrl-C."
        })
public final class LocalStackMain implements Callable<Integer> {

    /** Printed once the stack is up; tests and scripts wait for it. */
    public static final String READY_LINE = "Local stack is ready. Press Ctrl-C to stop.";

    /** The values of {@code --mode}. */
    private enum Mode {
        LOCAL,
        TESTCONTAINERS,
        AUTO
    }

    @Mixin
    private Launcher.StackOptions stackOptions;

    @Option(
            names = "--mode",
            defaultValue = "local",
            paramLabel = "local|testcontainers|auto",
            description = {
                "local: no Docker (default); testcontainers: Docker containers on mapped ports, the port options are"
                        + " ignored; auto: testcontainers if Docker answers, else local"
            })
    private Mode mode;

    public static void main(String[] args) {
        Launcher.run(new LocalStackMain(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        StackMode stackMode = StackMode.choose(mode.name(), null, Docker::isAvailable);
        stackOptions.checkPorts(stackMode == StackMode.LOCAL);
        LocalStackOptions options =
                stackOptions.applyTo(LocalStackOptions.defaults()).withMode(stackMode);
        LocalStack stack;
        long startedAt = System.nanoTime();
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            System.err.println("Local stack did not start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping(stack), "local-stack-main-shutdown"));
        printConnectionDetails(stack, options, (System.nanoTime() - startedAt) / 1_000_000);
        new CountDownLatch(1).await(); // until Ctrl-C or SIGTERM; the shutdown hooks stop the stack
        return 0;
    }

    private static void printConnectionDetails(LocalStack stack, LocalStackOptions options, long startMillis) {
        StringBuilder out = new StringBuilder();
        out.append("Local stack started in ")
                .append(startMillis)
                .append(" ms (mode ")
                .append(stack.mode())
                .append(")\n");
        out.append("  PostgreSQL 17 (wal_level=logical)\n");
        for (String database : options.databases()) {
            out.append("    ").append(stack.jdbcUrl(database)).append('\n');
        }
        out.append("    user ")
                .append(stack.username())
                .append(", password ")
                .append(stack.password())
                .append('\n');
        out.append("  Kafka (KRaft)\n");
        out.append("    bootstrap servers ").append(stack.bootstrapServers()).append('\n');
        Path directory = stack.directory();
        if (directory != null) {
            out.append("  Data directory ").append(directory).append(" (deleted on stop)\n");
        }
        out.append(READY_LINE);
        System.out.println(out);
    }

    private static void stopping(LocalStack stack) {
        System.out.println("Stopping local stack...");
        stack.close();
        System.out.println("Local stack stopped.");
    }
}
