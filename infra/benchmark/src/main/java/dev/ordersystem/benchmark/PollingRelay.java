package dev.ordersystem.benchmark;

import dev.ordersystem.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

    private final Connection connection;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int batchSize;
    private final Duration interval;
    private final PreparedStatement select;
    private final PreparedStatement delete;
    private final Map<UUID, Long> commitMicros = new ConcurrentHashMap<>();
    private final Map<UUID, Long> ackMicros = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile @Nullable Exception failure;

    PollingRelay(
            Connection connection,
            String bootstrapServers,
            String table,
            String topic,
            int batchSize,
            Duration interval)
            throws SQLException {
        this.connection = connection;
        this.topic = topic;
        this.batchSize = batchSize;
        this.interval = interval;
        this.producer = new KafkaProducer<>(Kafka.relayProducerSettings(bootstrapServers, "bench-polling-relay"));
        this.select = connection.prepareStatement("select id, aggregate_id, type, payload::text, trace_parent,"
                + " (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000000)::bigint from " + table
                + " order by created_at limit ? for update skip locked");
        this.delete = connection.prepareStatement("delete from " + table + " where id = any(?)");
        this.thread = new Thread(this::run, "polling-relay");
        thread.setDaemon(true);
    }

    PollingRelay start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                int relayed = pollOnce();
                if (relayed < batchSize) {
                    Thread.sleep(interval.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failure = e;
                try {
                    connection.rollback();
                    Thread.sleep(interval.toMillis());
                } catch (SQLException | InterruptedException again) {
                    return;
                }
            }
        }
    }

    /** One claim-publish-delete transaction; returns how many rows it relayed. */
    int pollOnce() throws Exception {
        polls.incrementAndGet();
        List<UUID> ids = new ArrayList<>(batchSize);
        List<Future<RecordMetadata>> sends = new ArrayList<>(batchSize);
        select.setInt(1, batchSize);
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                String key = rows.getString(2);
                String type = rows.getString(3);
                String payload = rows.getString(4);
                String traceParent = rows.getString(5);
                commitMicros.put(id, rows.getLong(6));
                RecordHeaders headers = new RecordHeaders();
                headers.add(EventHeaders.EVENT_ID, id.toString().getBytes(StandardCharsets.UTF_8));
                headers.add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
                if (traceParent != null) {
                    headers.add(EventHeaders.TRACE_PARENT, traceParent.getBytes(StandardCharsets.UTF_8));
                }
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        topic,
                        null,
                        key.getBytes(StandardCharsets.UTF_8),
                        payload.getBytes(StandardCharsets.UTF_8),
                        headers);
                sends.add(producer.send(record, (metadata, error) -> {
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
        published.addAndGet(ids.size());
        return ids.size();
    }

    /** Commit time (µs since the epoch) of the transaction that wrote the event, read when it was claimed. */
    @Nullable
    Long commitMicros(UUID eventId) {
        return commitMicros.get(eventId);
    }

    /** When the producer callback saw Kafka's acknowledgement (µs since the epoch). */
    @Nullable
    Long ackMicros(UUID eventId) {
        return ackMicros.get(eventId);
    }

    long published() {
        return published.get();
    }

    long polls() {
        return polls.get();
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
