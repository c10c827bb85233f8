package dev.ordersystem.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StackMode#LOCAL}: PostgreSQL as a child process, a Kafka broker in this JVM, a {@link Watchdog}, and one
 * temporary directory ({@code local-stack-*}) holding all their data.
 */
final class LocalServers implements Servers {

    private static final Logger log = LoggerFactory.getLogger(LocalServers.class);

    private final Path directory;
    private @Nullable PostgresServer postgres;
    private @Nullable Watchdog watchdog;
    private @Nullable KafkaBroker kafka;

    private LocalServers(Path directory) {
        this.directory = directory;
    }

    static LocalServers start(LocalStackOptions options) {
        int[] free = Ports.findFree(3);
        int postgresPort = options.postgresPort() != 0 ? options.postgresPort() : free[0];
        int kafkaPort = options.kafkaPort() != 0 ? options.kafkaPort() : free[1];
        requireFree(postgresPort, "PostgreSQL");
        requireFree(kafkaPort, "Kafka");
        QuietLogging.quietEmbeddedServers();
        LocalServers servers;
        try {
            servers = new LocalServers(Files.createTempDirectory("local-stack-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the stack directory", e);
        }
        try {
            KafkaBroker kafka = new KafkaBroker(kafkaPort, free[2], servers.directory.resolve("kafka"));
            servers.kafka = kafka;
            // Kafka starts while initdb runs; a new thread (unlike a pool) inherits the context class loader,
            // which Kafka loads its plug-in classes with
            FutureTask<Void> kafkaStart = new FutureTask<>(kafka::start, null);
            new Thread(kafkaStart, "local-stack-kafka-start").start();
            servers.postgres = PostgresServer.start(postgresPort, servers.directory);
            servers.watchdog = Watchdog.start(servers.postgres.postmasterPid(), servers.directory);
            awaitStart(kafkaStart);
            return servers;
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw new IllegalStateException("Could not start the local stack: " + e.getMessage(), e);
        }
    }

    @Override
    public String postgresAddress() {
        return "localhost:" + requireStarted(postgres).port();
    }

    @Override
    public String bootstrapServers() {
        return requireStarted(kafka).bootstrapServers();
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public void stopKafka() {
        requireStarted(kafka).stop();
    }

    @Override
    public void startKafka() {
        requireStarted(kafka).start();
    }

    @Override
    public synchronized void stopPostgres() {
        requireStarted(postgres).close();
    }

    /** A new postmaster on the same port and data directory; the watchdog follows it. */
    @Override
    public synchronized void startPostgres() {
        try {
            PostgresServer restarted =
                    PostgresServer.start(requireStarted(postgres).port(), directory);
            postgres = restarted;
            if (watchdog != null) {
                watchdog.close();
            }
            watchdog = Watchdog.start(restarted.postmasterPid(), directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL again", e);
        }
    }

    /** Kafka first (it may still be talking to clients), then PostgreSQL, the directory and the watchdog. */
    @Override
    public void close() {
        if (kafka != null) {
            try {
                kafka.stop();
            } catch (RuntimeException e) {
                log.warn("Kafka broker did not stop cleanly", e);
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        deleteRecursively(directory);
        if (watchdog != null) {
            watchdog.close();
        }
    }

    private static void awaitStart(FutureTask<Void> start) {
        try {
            start.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        }
    }

    private static void requireFree(int port, String server) {
        if (!Ports.isFree(port)) {
            throw new IllegalStateException(server + " port " + port + " is already in use");
        }
    }

    private static <T> T requireStarted(@Nullable T server) {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server;
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
