package dev.ordersystem.localstack;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to start a {@link LocalStack}.
 *
 * @param postgresPort PostgreSQL port on localhost; {@code 0} picks a free port at start. Used in {@link
 *     StackMode#LOCAL} only: Testcontainers maps ports itself.
 * @param kafkaPort Kafka (PLAINTEXT) port on localhost; {@code 0} picks a free port at start. {@link StackMode#LOCAL}
 *     only.
 * @param databases databases created at start (lower-case SQL identifiers)
 * @param mode where the servers run; {@code null} chooses with {@link StackMode#fromEnvironment()}
 * @param separateServerDatabases databases (of {@code databases}) that get a PostgreSQL server of their own, each on a
 *     free port, so that stopping one server leaves the others' databases up. {@link StackMode#LOCAL} only.
 * @param durable whether PostgreSQL runs with production durability ({@code fsync}, {@code full_page_writes} and
 *     {@code synchronous_commit} on: every commit waits for its WAL flush to the disk), as a benchmark needs; off, the
 *     default for tests, commits do not wait for the disk and a crash of the machine (not of PostgreSQL) may lose
 *     them.
 */
public record LocalStackOptions(
        int postgresPort,
        int kafkaPort,
        List<String> databases,
        @Nullable StackMode mode,
        List<String> separateServerDatabases,
        boolean durable) {

    /** The databases the services of this project use. */
    public static final List<String> DEFAULT_DATABASES = List.of("orders", "notifications");

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public LocalStackOptions {
        requirePort(postgresPort, "postgresPort");
        requirePort(kafkaPort, "kafkaPort");
        databases = List.copyOf(databases);
        for (String database : databases) {
            if (!DATABASE_NAME.matcher(database).matches()) {
                throw new IllegalArgumentException(
                        "Database name '" + database + "' is not a plain lower-case SQL identifier ([a-z_][a-z0-9_]*)");
            }
        }
        separateServerDatabases = List.copyOf(separateServerDatabases);
        if (!databases.containsAll(separateServerDatabases)) {
            throw new IllegalArgumentException(
                    "Separate servers " + separateServerDatabases + " must be for databases of " + databases);
        }
    }

    /** Free ports picked at start, databases {@code orders} and {@code notifications}, mode from the environment. */
    public static LocalStackOptions forTests() {
        return new LocalStackOptions(0, 0, DEFAULT_DATABASES, null, List.of(), false);
    }

    /** The usual ports 5432 and 9092, databases {@code orders} and {@code notifications}, mode from the environment. */
    public static LocalStackOptions defaults() {
        return new LocalStackOptions(5432, 9092, DEFAULT_DATABASES, null, List.of(), false);
    }

    /** A copy with another mode; {@code null} chooses with {@link StackMode#fromEnvironment()}. */
    public LocalStackOptions withMode(@Nullable StackMode mode) {
        return new LocalStackOptions(postgresPort, kafkaPort, databases, mode, separateServerDatabases, durable);
    }

    /**
     * A copy in which each of {@code databases} runs on a PostgreSQL server of its own, e.g. {@code
     * withSeparateServers("notifications")}: stopping it does not take the other databases down.
     */
    public LocalStackOptions withSeparateServers(String... databases) {
        return new LocalStackOptions(postgresPort, kafkaPort, this.databases, mode, List.of(databases), durable);
    }

    /** A copy with other ports ({@code 0} picks a free port at start). */
    public LocalStackOptions withPorts(int postgresPort, int kafkaPort) {
        return new LocalStackOptions(postgresPort, kafkaPort, databases, mode, separateServerDatabases, durable);
    }

    /** A copy whose PostgreSQL runs with production durability ({@link #durable()}). */
    public LocalStackOptions withDurability() {
        return new LocalStackOptions(postgresPort, kafkaPort, databases, mode, separateServerDatabases, true);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
    }
}
