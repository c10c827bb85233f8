package dev.ordersystem.localstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 ({@code wal_level=logical}, {@code pgoutput}) and a real Apache Kafka broker (KRaft), started
 * together, with the databases of {@link LocalStackOptions#databases()} created.
 *
 * <p>In {@link StackMode#LOCAL} nothing needs Docker: PostgreSQL runs as a child process (zonky embedded binaries) and
 * Kafka inside this JVM; all data lives in one temporary directory that {@link #close()} deletes. A shutdown hook
 * closes the stack on Ctrl-C or SIGTERM, and a watchdog process stops PostgreSQL and deletes the directory if this JVM
 * is killed. In {@link StackMode#TESTCONTAINERS} both run in Docker containers.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests())) {
 *     DriverManager.getConnection(stack.jdbcUrl("orders"), stack.username(), stack.password());
 *     Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    static final String USERNAME = "postgres";
    static final String PASSWORD = "postgres";

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final StackMode mode;
    private final Servers servers;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalStack(StackMode mode, Servers servers) {
        this.mode = mode;
        this.servers = servers;
        this.shutdownHook = new Thread(this::close, "local-stack-shutdown");
    }

    /**
     * Starts PostgreSQL and Kafka in the mode of the options (or the one {@link StackMode#fromEnvironment()} picks) and
     * creates the databases. Returns once both answer.
     *
     * @throws IllegalStateException if a port is taken or a server does not start; whatever did start is stopped
     */
    public static LocalStack start(LocalStackOptions options) {
        StackMode mode = options.mode() != null ? options.mode() : StackMode.fromEnvironment();
        long startedAt = System.nanoTime();
        Servers servers = mode == StackMode.LOCAL ? LocalServers.start(options) : ContainerServers.start();
        LocalStack stack = new LocalStack(mode, servers);
        try {
            stack.createDatabases(options.databases());
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        log.info(
                "Local stack ({}) up in {} ms: PostgreSQL {}, Kafka {}",
                mode,
                (System.nanoTime() - startedAt) / 1_000_000,
                servers.postgresAddress(),
                servers.bootstrapServers());
        return stack;
    }

    /** JDBC URL of a database, e.g. {@code jdbc:postgresql://localhost:5432/orders}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + servers.postgresAddress() + "/" + database;
    }

    /** PostgreSQL superuser name ({@code postgres}). */
    public String username() {
        return USERNAME;
    }

    /** PostgreSQL password ({@code postgres}; in {@link StackMode#LOCAL} any password is accepted). */
    public String password() {
        return PASSWORD;
    }

    /** Kafka {@code bootstrap.servers}, e.g. {@code localhost:9092}. */
    public String bootstrapServers() {
        return servers.bootstrapServers();
    }

    public StackMode mode() {
        return mode;
    }

    /**
     * Spring Boot properties that point an application at this stack: {@code spring.datasource.url} (of the given
     * database), {@code spring.datasource.username}, {@code spring.datasource.password} and {@code
     * spring.kafka.bootstrap-servers}.
     */
    public Map<String, String> springProperties(String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl(database));
        properties.put("spring.datasource.username", username());
        properties.put("spring.datasource.password", password());
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
        return properties;
    }

    /**
     * Stops the Kafka broker (as a crash or an outage would look to clients) and keeps its port and data; {@link
     * #startKafka()} brings it back. Only in {@link StackMode#LOCAL}.
     */
    public void stopKafka() {
        servers.stopKafka();
        log.info("Kafka broker {} stopped", bootstrapServers());
    }

    /** Starts the broker stopped by {@link #stopKafka()} again and waits until it answers. */
    public void startKafka() {
        servers.startKafka();
        log.info("Kafka broker {} started again", bootstrapServers());
    }

    /**
     * Stops PostgreSQL (fast shutdown: every session is terminated, as in a database restart or crash seen by clients)
     * and keeps its port and data; {@link #startPostgres()} brings it back. Only in {@link StackMode#LOCAL}.
     */
    public void stopPostgres() {
        servers.stopPostgres();
        log.info("PostgreSQL {} stopped", servers.postgresAddress());
    }

    /** Starts the PostgreSQL stopped by {@link #stopPostgres()} again and waits until it accepts connections. */
    public void startPostgres() {
        servers.startPostgres();
        log.info("PostgreSQL {} started again", servers.postgresAddress());
    }

    /**
     * Leaves closing on JVM exit to the caller: for owners that must stop what uses the stack first (JVM shutdown hooks
     * run concurrently, so the stack's own hook would pull PostgreSQL and Kafka away from services still shutting
     * down). The watchdog still cleans up if the JVM is killed.
     */
    public LocalStack withoutShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return this;
    }

    /** Directory that holds all data of a {@link StackMode#LOCAL} stack; {@code null} in Testcontainers mode. */
    @Nullable
    Path directory() {
        return servers.directory();
    }

    /** Stops Kafka and PostgreSQL and deletes their data. Idempotent; a second caller waits for the first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        servers.close();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the JVM is already shutting down, or the hook was never added
            }
        }
        log.info("Local stack ({}) stopped", mode);
    }

    private void createDatabases(List<String> databases) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USERNAME, PASSWORD);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
                Statement create = connection.createStatement()) {
            for (String database : databases) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (!rows.next()) {
                        create.execute("CREATE DATABASE " + database); // names are checked by LocalStackOptions
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create databases " + databases, e);
        }
    }
}
