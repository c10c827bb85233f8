package dev.ordersystem.localstack;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The running PostgreSQL server(s) and Kafka of one {@link LocalStack}, whichever {@link StackMode} started them. */
interface Servers extends AutoCloseable {

    /** Host and port of the PostgreSQL server that holds {@code database} (unresolved). */
    InetSocketAddress postgresAddress(String database);

    String bootstrapServers();

    /** The directory that holds all data of the stack, or {@code null} when Docker holds it. */
    @Nullable
    Path directory();

    /** Stops the Kafka broker, keeping its port and data, so {@link #startKafka()} brings the same broker back. */
    void stopKafka();

    /** Starts the broker stopped by {@link #stopKafka()} again, on the same port with the same data. */
    void startKafka();

    /** Fast shutdown of the PostgreSQL server that holds {@code database}, keeping its port and data. */
    void stopPostgres(String database);

    /** SIGKILL of the PostgreSQL server that holds {@code database}, keeping its port and data. */
    void killPostgres(String database);

    /** Starts the PostgreSQL server that holds {@code database} again, on the same port with the same data. */
    void startPostgres(String database);

    /** Stops the servers and removes their data; must not throw. */
    @Override
    void close();
}
