package dev.ordersystem.orders.relay;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each batch of the engine with the relay's own producer ({@code acks=all}, idempotent) and only then marks
 * the batch processed, so Debezium stores (and confirms to the slot) only positions whose events Kafka acknowledged.
 * A failed send throws: nothing of the batch is marked, the engine stops, and after the restart the batch is read
 * again from the last stored position (at-least-once; a replayed event keeps its event id).
 *
 * <p>Once {@link #fence() fenced} (the lease is lost) it publishes nothing more: a batch handed over after that fails.
 *
 * <p>Records not routed to the events topic (Debezium heartbeats and the heartbeat's logical messages) are not
 * published but are marked processed: that is what moves the slot while the outbox is idle.
 */
final class OutboxPublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final RelayState state;
    private final RelayMetrics metrics;
    private final Clock clock;
    private volatile boolean fenced;

    OutboxPublisher(
            Producer<byte[], byte[]> producer, String topic, RelayState state, RelayMetrics metrics, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.state = state;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> batch,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        if (fenced) {
            throw new RelayException("this instance no longer holds the relay lease; not publishing");
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (RecordChangeEvent<SourceRecord> change : batch) {
            SourceRecord record = change.record();
            if (topic.equals(record.topic())) {
                sends.add(send(record));
            }
        }
        if (!sends.isEmpty()) {
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                awaitAck(send);
            }
        }
        Long lastLsn = null;
        boolean snapshot = false;
        for (RecordChangeEvent<SourceRecord> change : batch) {
            committer.markProcessed(change);
            Long lsn = lsn(change.record());
            if (lsn != null) {
                lastLsn = lsn;
            }
            snapshot = isSnapshot(change.record());
        }
        committer.markBatchFinished();
        state.batchProcessed(lastLsn, snapshot);
        if (!sends.isEmpty()) {
            log.debug("Relayed {} events (batch of {} changes, up to LSN {})", sends.size(), batch.size(), lastLsn);
        }
    }

    /** Publishes nothing from now on: this instance no longer holds the lease. */
    void fence() {
        fenced = true;
    }

    boolean isFenced() {
        return fenced;
    }

    private Future<RecordMetadata> send(SourceRecord record) {
        Instant committedAt = commitTime(record);
        ProducerRecord<byte[], byte[]> message =
                new ProducerRecord<>(topic, null, bytes(record.key()), bytes(record.value()), headers(record));
        try {
            return producer.send(message, (metadata, error) -> {
                if (error == null) {
                    Instant ackedAt = clock.instant();
                    state.eventAcknowledged(ackedAt, committedAt);
                    metrics.eventAcknowledged(committedAt == null ? null : Duration.between(committedAt, ackedAt));
                }
            });
        } catch (RuntimeException e) {
            throw new RelayException("Kafka producer rejected an event: " + e.getMessage(), e);
        }
    }

    private static void awaitAck(Future<RecordMetadata> send) throws InterruptedException {
        try {
            send.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RelayException(
                    "Kafka did not acknowledge an event: " + cause.getClass().getSimpleName() + ": "
                            + cause.getMessage(),
                    cause);
        }
    }

    private static RecordHeaders headers(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (header.value() == null || header.key().startsWith("__debezium")) {
                continue; // e.g. no traceparent: leave the header out rather than send an empty one
            }
            headers.add(header.key(), String.valueOf(header.value()).getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static byte @Nullable [] bytes(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] raw) {
            return raw;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Commit time of the source transaction ({@code ts_usec} in the PostgreSQL connector's offset). */
    private static @Nullable Instant commitTime(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        if (offset != null && offset.get("ts_usec") instanceof Long micros && micros > 0) {
            return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
        }
        return null;
    }

    /** Whether the record comes from the initial snapshot (its offset says so) rather than from the WAL stream. */
    private static boolean isSnapshot(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        Object snapshot = offset == null ? null : offset.get("snapshot");
        return snapshot != null && !"false".equalsIgnoreCase(snapshot.toString());
    }

    private static @Nullable Long lsn(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        if (offset != null && offset.get("lsn") instanceof Long lsn) {
            return lsn;
        }
        return null;
    }
}
