package dev.ordersystem.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link LocalStack} until Ctrl-C (or SIGTERM), then stops it: PostgreSQL and Kafka for running the services
 * on a developer machine. Prints the JDBC URLs, user, password and Kafka bootstrap servers. Exit code 2 means bad
 * arguments or a port already in use; 1 means the stack did not start.
 *
 * <pre>
 * java -jar local-stack-exec.jar [--postgres-port=5432] [--kafka-port=9092] [--mode=local|testcontainers|auto]
 * </pre>
 */
public final class LocalStackMain {

    /** Printed once the stack is up; tests and scripts wait for it. */
    public static final String READY_LINE = "Local stack is ready. Press Ctrl-C to stop.";

    private static final String USAGE = """
            Usage: local-stack [--postgres-port=5432] [--kafka-port=9092] [--mode=local|testcontainers|auto] [--help]

            Starts a real PostgreSQL 17 (wal_level=logical) and a real Kafka broker (KRaft) and creates the
            databases %s. Runs until Ctrl-C.
              --postgres-port  PostgreSQL port on localhost (default 5432)
              --kafka-port     Kafka port on localhost (default 9092)
              --mode           local: no Docker (default); testcontainers: Docker containers on mapped ports,
                               the port options are ignored; auto: testcontainers if Docker answers, else local
            """.formatted(String.join(" and ", LocalStackOptions.DEFAULT_DATABASES));

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        // before any logger exists: our own Logback file, so that Kafka and zonky stay quiet
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "local-stack-logback.xml");
        }
        LocalStackOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        if (options.mode() == StackMode.LOCAL) {
            requireFree(options.postgresPort(), "--postgres-port");
            requireFree(options.kafkaPort(), "--kafka-port");
        }
        LocalStack stack;
        long startedAt = System.nanoTime();
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            System.err.println("Local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping(stack), "local-stack-main-shutdown"));
        printConnectionDetails(stack, options, (System.nanoTime() - startedAt) / 1_000_000);
        new CountDownLatch(1).await(); // until Ctrl-C or SIGTERM; the shutdown hooks stop the stack
    }

    /** The options, or {@code null} for {@code --help}. */
    static @Nullable LocalStackOptions parse(String[] args) {
        LocalStackOptions options = LocalStackOptions.defaults().withMode(StackMode.LOCAL);
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            } else if (arg.startsWith("--postgres-port=")) {
                options = options.withPorts(Ports.parseOption(arg), options.kafkaPort());
            } else if (arg.startsWith("--kafka-port=")) {
                options = options.withPorts(options.postgresPort(), Ports.parseOption(arg));
            } else if (arg.startsWith("--mode=")) {
                if (!value(arg).matches("(?i)local|testcontainers|auto")) {
                    throw new IllegalArgumentException(
                            "Unknown mode in " + arg + "; valid values are local, testcontainers and auto");
                }
                options = options.withMode(StackMode.choose(value(arg), null, Docker::isAvailable));
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        if (options.postgresPort() == options.kafkaPort()) {
            throw new IllegalArgumentException("--postgres-port and --kafka-port must differ");
        }
        return options;
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static void requireFree(int port, String option) {
        if (!Ports.isFree(port)) {
            System.err.println(Ports.takenMessage(port, option));
            System.exit(2);
        }
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
