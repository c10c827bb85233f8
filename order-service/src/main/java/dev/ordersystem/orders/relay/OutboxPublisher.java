package dev.ordersystem.orders.relay;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
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
 * Publishes the engine's batches with the relay's own producer ({@code acks=all}, idempotent) and marks a change
 * processed only once Kafka acknowledged it and every change before it, so Debezium stores (and confirms to the slot)
 * only positions whose events are on Kafka, the way Kafka Connect commits only acknowledged offsets.
 *
 * <p>While a backlog is read (a full batch), the engine does not wait for the batch's acknowledgements: it returns and
 * reads the next batch while they arrive, and the changes of a batch are marked during the next one (at most one batch
 * is in flight). A batch that is not full (the relay has caught up) is marked before the engine reads on, as soon as
 * all its events are acknowledged. Everything runs on the engine's thread, the only one that may use the committer.
 *
 * <p>A failed send fails the batch in which it is noticed (its own, or the next one): the engine stops, with only
 * acknowledged changes marked, and after the restart reads again from the last stored position (at-least-once; a
 * replayed event keeps its event id).
 *
 * <p>Once {@link #fence() fenced} (the lease is lost) it publishes nothing more: a batch handed over after that fails.
 *
 * <p>Records not routed to the events topic (Debezium heartbeats and the heartbeat's logical messages) are not
 * published; they are marked in order with the events around them: that is what moves the slot while the outbox is
 * idle.
 */
final class OutboxPublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final int maxBatchSize;
    private final RelayState state;
    private final RelayMetrics metrics;
    private final Clock clock;

    /** Changes handed over and not marked yet, in WAL order; engine thread only. */
    private final Deque<InFlight> inFlight = new ArrayDeque<>();

    private volatile boolean fenced;
    private volatile @Nullable Exception sendFailure;

    /** A change handed over by the engine and its send, or {@code null} for a change that is not published. */
    private record InFlight(
            RecordChangeEvent<SourceRecord> change,
            @Nullable Future<RecordMetadata> send) {}

    /** @param maxBatchSize the engine's {@code max.batch.size}: a batch this large means a backlog is being read */
    OutboxPublisher(
            Producer<byte[], byte[]> producer,
            String topic,
            int maxBatchSize,
            RelayState state,
            RelayMetrics metrics,
            Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.maxBatchSize = maxBatchSize;
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
        throwIfASendFailed();
        int sent = 0;
        for (RecordChangeEvent<SourceRecord> change : batch) {
            SourceRecord record = change.record();
            boolean event = topic.equals(record.topic());
            inFlight.add(new InFlight(change, event ? send(record) : null));
            sent += event ? 1 : 0;
        }
        if (batch.size() >= maxBatchSize) {
            awaitAcksUntilInFlight(batch.size()); // the batch before this one
        } else {
            producer.flush(); // caught up: what is pending (this batch's, the last one's) goes now, not after linger
            awaitAcksUntilInFlight(0);
        }
        markAcknowledged(committer);
        if (sent > 0) {
            log.debug(
                    "Sent {} events (batch of {} changes; {} changes in flight)", sent, batch.size(), inFlight.size());
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
                } else if (sendFailure == null) {
                    sendFailure = error;
                }
            });
        } catch (RuntimeException e) {
            throw new RelayException("Kafka producer rejected an event: " + e.getMessage(), e);
        }
    }

    /** Waits for the acknowledgements of the oldest changes in flight until at most {@code changes} are left. */
    private void awaitAcksUntilInFlight(int changes) throws InterruptedException {
        Iterator<InFlight> oldest = inFlight.iterator();
        for (int i = inFlight.size(); i > changes; i--) {
            Future<RecordMetadata> send = oldest.next().send();
            if (send != null) {
                acknowledged(send);
            }
        }
    }

    /**
     * Marks processed the changes in flight up to the first whose event Kafka has not acknowledged yet, and finishes
     * the batch (Debezium stores the marked position when its flush interval is due).
     */
    private void markAcknowledged(DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        Long lastLsn = null;
        Boolean snapshot = null;
        for (InFlight head = inFlight.peek(); head != null; head = inFlight.peek()) {
            if (head.send() != null) {
                if (!head.send().isDone()) {
                    break;
                }
                acknowledged(head.send());
            }
            inFlight.poll();
            committer.markProcessed(head.change());
            Long lsn = lsn(head.change().record());
            if (lsn != null) {
                lastLsn = lsn;
            }
            snapshot = isSnapshot(head.change().record());
        }
        committer.markBatchFinished();
        if (snapshot != null) {
            state.batchProcessed(lastLsn, snapshot);
        }
    }

    /** Returns once Kafka acknowledged the send; throws if it did not. */
    private static void acknowledged(Future<RecordMetadata> send) throws InterruptedException {
        try {
            send.get();
        } catch (ExecutionException e) {
            throw notAcknowledged(e.getCause() == null ? e : e.getCause());
        }
    }

    /** A send that failed since the last batch fails this one, before anything more is sent or marked. */
    private void throwIfASendFailed() {
        Exception failure = sendFailure;
        if (failure != null) {
            throw notAcknowledged(failure);
        }
    }

    private static RelayException notAcknowledged(Throwable cause) {
        return new RelayException(
                "Kafka did not acknowledge an event: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                cause);
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
