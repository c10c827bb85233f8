package dev.ordersystem.notifications.deadletter;

import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.deadletter.DeadLetterDecisionRepository.Decided;
import dev.ordersystem.notifications.deadletter.DeadLetterDecisionRepository.Decision;
import dev.ordersystem.notifications.inbox.BlockedOrders;
import dev.ordersystem.notifications.inbox.DeadLetterPosition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists dead letters, re-drives them to the topic they came from, or discards them. A dead letter is decided about
 * once: re-driven or discarded. While undecided, the later records of its order wait behind it ({@link BlockedOrders}).
 */
@Service
record DeadLetters(
        DeadLetterTopic topic,
        DeadLetterDecisionRepository decisions,
        BlockedOrders blockedOrders,
        KafkaTemplate<String, byte[]> kafka,
        TransactionTemplate transaction,
        NotificationsProperties properties,
        Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int PREVIEW_CHARS = 500;
    private static final String DLT_HEADER_PREFIX = "kafka_dlt-";

    /**
     * A discarded dead letter.
     *
     * @param released records of its order that were parked behind it and have now been processed
     */
    public record Discarded(int released, DeadLetter deadLetter) {}

    /** Every dead letter, in partition and offset order, with the decision about it and the order that waits for it. */
    public List<DeadLetter> list() {
        Map<String, Decided> decided = decisions.findAll(topic.name());
        Map<DeadLetterPosition, BlockedOrders.Blocked> blocking = blockedOrders.blocking(topic.name());
        return topic.readAll().stream()
                .map(record -> describe(
                        record,
                        decided.get(DeadLetterDecisionRepository.key(record.partition(), record.offset())),
                        blocking.get(position(record))))
                .toList();
    }

    /**
     * Publishes the dead letter back to its original topic and partition (the {@code kafka_dlt-original-*} headers;
     * {@code notifications.topic} if they are missing) with its original key, value and headers, and records that.
     *
     * @throws DeadLetterNotFoundException no such record
     * @throws DeadLetterAlreadyRedrivenException it was re-driven before
     * @throws DeadLetterAlreadyDiscardedException it was discarded
     */
    public DeadLetter redrive(int partition, long offset, String operator) {
        return redrive(read(partition, offset), operator);
    }

    /** Re-drives every dead letter that was neither re-driven nor discarded yet; returns those it re-drove. */
    public List<DeadLetter> redriveAll(String operator) {
        Map<String, Decided> decided = decisions.findAll(topic.name());
        List<DeadLetter> done = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : topic.readAll()) {
            if (!decided.containsKey(DeadLetterDecisionRepository.key(record.partition(), record.offset()))) {
                try {
                    done.add(redrive(record, operator));
                } catch (DeadLetterAlreadyRedrivenException | DeadLetterAlreadyDiscardedException e) {
                    // decided concurrently by someone else
                }
            }
        }
        return done;
    }

    /**
     * Marks the dead letter discarded, never to be processed, and releases the records of its order parked behind it,
     * in order, in the same transaction.
     *
     * @throws DeadLetterNotFoundException no such record
     * @throws DeadLetterAlreadyRedrivenException it was re-driven
     * @throws DeadLetterAlreadyDiscardedException it was discarded before
     */
    public Discarded discard(int partition, long offset, String operator) {
        ConsumerRecord<byte[], byte[]> record = read(partition, offset);
        String eventId = text(record, EventHeaders.EVENT_ID);
        Integer released = transaction.execute(status -> {
            decide(record, Decision.DISCARDED, null, eventId, operator);
            return blockedOrders.discard(position(record));
        });
        log.info(
                "{} discarded dead letter {}-{}@{} (event {}); {} records of its order parked behind it released",
                operator,
                topic.name(),
                partition,
                offset,
                eventId,
                released);
        return new Discarded(
                released == null ? 0 : released,
                describe(record, new Decided(null, new DeadLetter.Discard(clock.instant(), operator)), null));
    }

    private ConsumerRecord<byte[], byte[]> read(int partition, long offset) {
        return topic.read(partition, offset)
                .orElseThrow(() -> new DeadLetterNotFoundException(topic.name(), partition, offset));
    }

    private DeadLetter redrive(ConsumerRecord<byte[], byte[]> record, String operator) {
        String originalTopic = text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        String target = originalTopic == null ? properties.topic() : originalTopic;
        String eventId = text(record, EventHeaders.EVENT_ID);
        RecordMetadata sent = transaction.execute(status -> {
            decide(record, Decision.REDRIVEN, target, eventId, operator);
            RecordMetadata metadata = send(record, target);
            decisions.recordTarget(
                    topic.name(), record.partition(), record.offset(), metadata.partition(), metadata.offset());
            return metadata;
        });
        log.info(
                "{} re-drove dead letter {}-{}@{} (event {}) to {}-{}@{}",
                operator,
                topic.name(),
                record.partition(),
                record.offset(),
                eventId,
                target,
                sent.partition(),
                sent.offset());
        var redrive = new DeadLetter.Redrive(clock.instant(), operator, target, sent.partition(), sent.offset());
        return describe(
                record,
                new Decided(redrive, null),
                blockedOrders.blocking(topic.name()).get(position(record)));
    }

    /** Records the decision, in the caller's transaction, or throws if there was one before. */
    private void decide(
            ConsumerRecord<byte[], byte[]> record,
            Decision decision,
            @Nullable String target,
            @Nullable String eventId,
            String operator) {
        decisions
                .decide(topic.name(), record.partition(), record.offset(), decision, target, eventId, operator)
                .ifPresent(earlier -> {
                    throw earlier == Decision.REDRIVEN
                            ? new DeadLetterAlreadyRedrivenException(topic.name(), record.partition(), record.offset())
                            : new DeadLetterAlreadyDiscardedException(
                                    topic.name(), record.partition(), record.offset());
                });
    }

    private DeadLetterPosition position(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetterPosition(topic.name(), record.partition(), record.offset());
    }

    /** Sends synchronously: the re-drive is only recorded once Kafka has the record. */
    private RecordMetadata send(ConsumerRecord<byte[], byte[]> record, String target) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX)
                    && !header.key().equals(DeadLetterPosition.REDRIVEN_FROM_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(
                DeadLetterPosition.REDRIVEN_FROM_HEADER,
                position(record).toString().getBytes(StandardCharsets.UTF_8));
        Integer partition = target.equals(text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                ? intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION)
                : null;
        var producerRecord = new ProducerRecord<>(target, partition, key(record), record.value(), headers);
        try {
            return kafka.send(producerRecord)
                    .get(properties.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .getRecordMetadata();
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterTopicUnavailableException(
                    "Could not re-drive to " + target + ": " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterTopicUnavailableException("Interrupted while re-driving", e);
        }
    }

    private static DeadLetter describe(
            ConsumerRecord<byte[], byte[]> record, @Nullable Decided decided, BlockedOrders.@Nullable Blocked blocked) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String text = new String(value, StandardCharsets.UTF_8);
        Long originalTimestamp = longHeader(record, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                key(record),
                text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                originalTimestamp == null ? null : Instant.ofEpochMilli(originalTimestamp),
                text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                text(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
                text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN),
                text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                text(record, EventHeaders.EVENT_ID),
                text(record, EventHeaders.EVENT_TYPE),
                value.length,
                text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "..." : text,
                decided == null ? null : decided.redriven(),
                decided == null ? null : decided.discarded(),
                blocked == null ? null : blocked.orderId(),
                blocked == null ? 0 : blocked.parked());
    }

    private static @Nullable String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static @Nullable String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The dead-letter publisher writes partitions as 4-byte and offsets/timestamps as 8-byte big-endian numbers. */
    private static @Nullable Integer intHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length != Integer.BYTES
                ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    private static @Nullable Long longHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length != Long.BYTES
                ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }
}
