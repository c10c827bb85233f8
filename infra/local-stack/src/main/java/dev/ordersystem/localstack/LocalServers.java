package dev.ordersystem.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StackMode#LOCAL}: PostgreSQL as a child process (one more per database that gets a server of its own), a
 * Kafka broker in this JVM, a {@link Watchdog}, and one temporary directory ({@code local-stack-*}) holding all their
 * data: {@code postgres/}, {@code postgres-<database>/}, {@code kafka/} and the servers' logs.
 */
final class LocalServers implements Servers {

    private static final Logger log = LoggerFactory.getLogger(LocalServers.class);

    private final Path directory;
    private final Map<String, PostgresServer> separatePostgres = new ConcurrentHashMap<>();
    private @Nullable PostgresServer postgres;
    private @Nullable Watchdog watchdog;
    private @Nullable KafkaBroker kafka;

    private LocalServers(Path directory) {
        this.directory = directory;
    }

    static LocalServers start(LocalStackOptions options) {
        List<String> separate = options.separateServerDatabases();
        int[] free = Ports.findFree(3 + separate.size());
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
        Path directory = servers.directory;
        try {
            servers.watchdog = Watchdog.start(directory);
            KafkaBroker kafka = new KafkaBroker(kafkaPort, free[2], directory.resolve("kafka"));
            servers.kafka = kafka;
            // all at once: PostgreSQL's initdb runs while Kafka starts
            List<FutureTask<Void>> starting = new ArrayList<>();
            starting.add(inBackground("kafka", kafka::start));
            starting.add(inBackground(
                    "postgres",
                    () -> servers.postgres = startPostgres(postgresPort, directory, null, options.durable())));
            for (int i = 0; i < separate.size(); i++) {
                String database = separate.get(i);
                int port = free[3 + i];
                starting.add(inBackground(
                        "postgres-" + database,
                        () -> servers.separatePostgres.put(
                                database, startPostgres(port, directory, database, options.durable()))));
            }
            List<RuntimeException> failures = starting.stream()
                    .map(LocalServers::failureOf)
                    .filter(Objects::nonNull)
                    .toList(); // waits for every start, so that close() finds whatever did start
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return servers;
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw new IllegalStateException("Could not start the local stack: " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress postgresAddress(String database) {
        return InetSocketAddress.createUnresolved(
                "localhost", postgres(database).port());
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
    public void stopPostgres(String database) {
        postgres(database).stop();
    }

    @Override
    public void killPostgres(String database) {
        postgres(database).kill();
    }

    @Override
    public void startPostgres(String database) {
        postgres(database).start();
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
        separatePostgres.values().forEach(PostgresServer::close);
        deleteRecursively(directory);
        if (watchdog != null) {
            watchdog.close();
        }
    }

    /** The server that holds {@code database}: its own, or the main one. */
    private PostgresServer postgres(String database) {
        PostgresServer separate = separatePostgres.get(database);
        return separate != null ? separate : requireStarted(postgres);
    }

    /** The main server in {@code postgres/}, or the separate one of {@code database} in {@code postgres-<database>/}. */
    private static PostgresServer startPostgres(int port, Path directory, @Nullable String database, boolean durable) {
        String name = database == null ? "postgres" : "postgres-" + database;
        return PostgresServer.start(port, directory.resolve(name), directory.resolve(name + ".log"), durable);
    }

    /** A new thread (unlike a pool) inherits the context class loader, which Kafka loads its plug-in classes with. */
    private static FutureTask<Void> inBackground(String name, Runnable task) {
        FutureTask<Void> future = new FutureTask<>(task, null);
        new Thread(future, "local-stack-" + name + "-start").start();
        return future;
    }

    /** Waits for a start to end; returns how it failed, or {@code null}. */
    private static @Nullable RuntimeException failureOf(FutureTask<Void> start) {
        try {
            start.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("Interrupted while starting the stack", e);
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
