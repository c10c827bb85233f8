package dev.ordersystem.benchmark;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The baseline relay most outbox libraries implement: every {@code interval} one transaction claims up to {@code
 * batchSize} rows with {@code SELECT ... ORDER BY created_at LIMIT n FOR UPDATE SKIP LOCKED}, publishes them with the
 * CDC relay's producer settings, waits for every acknowledgement and deletes the rows before it commits. When a batch
 * comes back full it polls again at once instead of sleeping (the common, and the faster, variant); so a backlog
 * drains at the speed of one select-publish-delete round trip per batch, not at {@code batchSize / interval}.
 *
 * <p>For the measurement only, the select also reads {@code pg_xact_commit_timestamp(xmin)}, the commit time of the
 * transaction that wrote the row (the rows are deleted, so it cannot be read afterwards), and the producer callback
 * records the acknowledgement time: the same two clocks as the CDC relay's own lag timer.
 */
final class PollingRelay implements AutoCloseable {

    /**
     * What the polling relay reads and where it publishes.
     *
     * @param batchSize rows claimed per transaction at most
     * @param intervalMs the pause after a batch that was not full
     */
    record Settings(int batchSize, long intervalMs, String table, String topic) {}

    /** The baseline's polling relay: {@link Database#POLLING_OUTBOX} to {@link Kafka#POLLING_TOPIC}. */
    static final Settings BASELINE = new Settings(500, 100, Database.POLLING_OUTBOX, Kafka.POLLING_TOPIC);

    /** The baseline's settings on order-service's own outbox table (order-service's relay disabled). */
    static final Settings ON_ORDER_SERVICE_OUTBOX = new Settings(500, 100, Database.OUTBOX, Kafka.POLLING_TOPIC);

    private final Settings settings;
    private final Connection connection;
    private final KafkaProducer<byte[], byte[]> producer;
    private final PreparedStatement select;
    private final PreparedStatement delete;
    private final Map<UUID, Long> commitMicros = new ConcurrentHashMap<>();
    private final Map<UUID, Long> ackMicros = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile @Nullable Exception failure;

    private PollingRelay(Settings settings, Connection connection, String bootstrapServers) throws SQLException {
        this.settings = settings;
        this.connection = connection;
        this.producer = new KafkaProducer<>(Kafka.relayProducerSettings(bootstrapServers, "bench-polling-relay"));
        this.select = connection.prepareStatement("select " + OutboxRow.COLUMNS + ", "
                + Database.commitMicros(settings.table()) + " from " + settings.table()
                + " order by created_at limit ? for update skip locked");
        this.delete = connection.prepareStatement("delete from " + settings.table() + " where id = any(?)");
        this.thread = new Thread(this::run, "polling-relay");
        thread.setDaemon(true);
    }

    /** Starts relaying in a thread of its own, on a connection of its own; {@link #close()} stops it. */
    static PollingRelay start(Settings settings, Database database, String bootstrapServers) throws SQLException {
        PollingRelay relay = new PollingRelay(settings, database.transactions(), bootstrapServers);
        relay.thread.start();
        return relay;
    }

    private void run() {
        while (running) {
            try {
                int relayed = pollOnce();
                if (relayed < settings.batchSize()) {
                    Thread.sleep(settings.intervalMs());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failure = e;
                try {
                    connection.rollback();
                    Thread.sleep(settings.intervalMs());
                } catch (SQLException | InterruptedException again) {
                    return;
                }
            }
        }
    }

    /** One claim-publish-delete transaction; returns how many rows it relayed. */
    private int pollOnce() throws Exception {
        List<UUID> ids = new ArrayList<>(settings.batchSize());
        List<Future<RecordMetadata>> sends = new ArrayList<>(settings.batchSize());
        select.setInt(1, settings.batchSize());
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                OutboxRow row = OutboxRow.read(rows);
                UUID id = row.id();
                commitMicros.put(id, rows.getLong(6));
                sends.add(producer.send(row.toRecord(settings.topic()), (metadata, error) -> {
                    if (error == null) {
                        ackMicros.put(id, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
                    }
                }));
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            connection.commit();
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
        Array array = connection.createArrayOf("uuid", ids.toArray());
        delete.setArray(1, array);
        delete.executeUpdate();
        connection.commit();
        return ids.size();
    }

    /**
     * Commit time (µs since the epoch) of the transaction that wrote each of these events that the relay claimed, read
     * when it claimed it.
     */
    Map<UUID, Long> commitMicros(Collection<UUID> eventIds) {
        Map<UUID, Long> commits = new HashMap<>();
        for (UUID id : eventIds) {
            Long committed = commitMicros.get(id);
            if (committed != null) {
                commits.put(id, committed);
            }
        }
        return commits;
    }

    /** When the producer callback saw Kafka's acknowledgement (µs since the epoch). */
    @Nullable
    Long ackMicros(UUID eventId) {
        return ackMicros.get(eventId);
    }

    @Nullable
    Exception failure() {
        return failure;
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(30_000);
        producer.close(Duration.ofSeconds(10));
        connection.close();
    }
}
