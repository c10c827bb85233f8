package dev.ordersystem.localstack;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The running PostgreSQL and Kafka of one {@link LocalStack}, whichever {@link StackMode} started them. */
interface Servers extends AutoCloseable {

    /** {@code host:port} of PostgreSQL. */
    String postgresAddress();

    String bootstrapServers();

    /** The directory that holds all data of the stack, or {@code null} when Docker holds it. */
    @Nullable
    Path directory();

    /** Stops the Kafka broker, keeping its port and data, so {@link #startKafka()} brings the same broker back. */
    void stopKafka();

    /** Starts the broker stopped by {@link #stopKafka()} again, on the same port with the same data. */
    void startKafka();

    /** Stops PostgreSQL (fast shutdown: sessions are terminated), keeping its port and data. */
    void stopPostgres();

    /** Starts the PostgreSQL stopped by {@link #stopPostgres()} again, on the same port with the same data. */
    void startPostgres();

    /** Stops the servers and removes their data; must not throw. */
    @Override
    void close();
}
