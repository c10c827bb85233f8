package dev.ordersystem.localstack;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link StackMode#TESTCONTAINERS}: {@code postgres:17} with logical WAL and {@code apache/kafka:4.1.2}, started in
 * parallel. Ports are mapped by Docker; Testcontainers' Ryuk removes the containers if this JVM dies.
 */
final class ContainerServers implements Servers {

    static final String POSTGRES_IMAGE = "postgres:17";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;

    private ContainerServers(PostgreSQLContainer postgres, KafkaContainer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static ContainerServers start(LocalStackOptions options) {
        if (!options.separateServerDatabases().isEmpty()) {
            throw new UnsupportedOperationException("separate PostgreSQL servers are only supported in LOCAL mode");
        }
        PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withUsername(LocalStack.USERNAME)
                .withPassword(LocalStack.PASSWORD)
                .withDatabaseName("postgres")
                .withCommand(
                        "postgres",
                        "-c",
                        "fsync=" + (options.durable() ? "on" : "off"),
                        "-c",
                        "wal_level=logical",
                        "-c",
                        "max_replication_slots=40",
                        "-c",
                        "max_wal_senders=40",
                        "-c",
                        "track_commit_timestamp=on");
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        ContainerServers servers = new ContainerServers(postgres, kafka);
        try {
            Startables.deepStart(postgres, kafka).join();
            return servers;
        } catch (RuntimeException e) {
            servers.close();
            throw new IllegalStateException("Could not start the Testcontainers stack: " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress postgresAddress(String database) {
        return InetSocketAddress.createUnresolved(
                postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT));
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public @Nullable Path directory() {
        return null;
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }

    @Override
    public void stopKafka() {
        throw new UnsupportedOperationException("stopping the broker is only supported in LOCAL mode");
    }

    @Override
    public void startKafka() {
        throw new UnsupportedOperationException("restarting the broker is only supported in LOCAL mode");
    }

    @Override
    public void stopPostgres(String database) {
        throw new UnsupportedOperationException("stopping PostgreSQL is only supported in LOCAL mode");
    }

    @Override
    public void killPostgres(String database) {
        throw new UnsupportedOperationException("killing PostgreSQL is only supported in LOCAL mode");
    }

    @Override
    public void startPostgres(String database) {
        throw new UnsupportedOperationException("restarting PostgreSQL is only supported in LOCAL mode");
    }
}
