package dev.ordersystem.notifications.deadletter;

import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.notifications.NotificationsProperties;
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

/** Lists dead letters and re-drives them to the topic they came from. */
@Service
public class DeadLetters {

    /** Header added to a re-driven record: {@code <dlt topic>/<partition>/<offset>} it was re-driven from. */
    public static final String REDRIVEN_FROM_HEADER = "redriven-from";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int PREVIEW_CHARS = 500;
    private static final String DLT_HEADER_PREFIX = "kafka_dlt-";

    private final DeadLetterTopic topic;
    private final RedrivenDeadLetterRepository redrives;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transaction;
    private final String defaultTarget;
    private final long timeoutMs;
    private final Clock clock;

    @SuppressWarnings("unchecked")
    DeadLetters(
            DeadLetterTopic topic,
            RedrivenDeadLetterRepository redrives,
            KafkaTemplate<?, ?> kafka,
            TransactionTemplate transaction,
            NotificationsProperties properties,
            Clock clock) {
        this.topic = topic;
        this.redrives = redrives;
        this.kafka = (KafkaTemplate<String, byte[]>) kafka;
        this.transaction = transaction;
        this.defaultTarget = properties.topic();
        this.timeoutMs = properties.kafkaTimeout().toMillis();
        this.clock = clock;
    }

    public String topic() {
        return topic.name();
    }

    /** Every dead letter, in partition and offset order, with its re-drive if it had one. */
    public List<DeadLetter> list() {
        Map<String, DeadLetter.Redrive> redriven = redrives.findAll(topic.name());
        return topic.readAll().stream()
                .map(record -> describe(record)
                        .withRedriven(
                                redriven.get(RedrivenDeadLetterRepository.key(record.partition(), record.offset()))))
                .toList();
    }

    /**
     * Publishes the dead letter back to its original topic and partition (the {@code kafka_dlt-original-*} headers;
     * {@code notifications.topic} if they are missing) with its original key, value and headers, and records that.
     *
     * @throws DeadLetterNotFoundException no such record
     * @throws DeadLetterAlreadyRedrivenException it was re-driven before
     */
    public DeadLetter redrive(int partition, long offset, String operator) {
        ConsumerRecord<byte[], byte[]> record = topic.read(partition, offset)
                .orElseThrow(() -> new DeadLetterNotFoundException(topic.name(), partition, offset));
        return redrive(record, operator);
    }

    /** Re-drives every dead letter that was not re-driven yet; returns those it re-drove. */
    public List<DeadLetter> redriveAll(String operator) {
        Map<String, DeadLetter.Redrive> redriven = redrives.findAll(topic.name());
        List<DeadLetter> done = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : topic.readAll()) {
            if (!redriven.containsKey(RedrivenDeadLetterRepository.key(record.partition(), record.offset()))) {
                try {
                    done.add(redrive(record, operator));
                } catch (DeadLetterAlreadyRedrivenException e) {
                    // re-driven concurrently by someone else
                }
            }
        }
        return done;
    }

    private DeadLetter redrive(ConsumerRecord<byte[], byte[]> record, String operator) {
        DeadLetter letter = describe(record);
        String target = letter.originalTopic() == null ? defaultTarget : letter.originalTopic();
        RecordMetadata sent = transaction.execute(status -> {
            if (!redrives.claim(
                    topic.name(), record.partition(), record.offset(), target, letter.eventId(), operator)) {
                throw new DeadLetterAlreadyRedrivenException(topic.name(), record.partition(), record.offset());
            }
            RecordMetadata metadata = send(record, letter, target);
            redrives.recordTarget(
                    topic.name(), record.partition(), record.offset(), metadata.partition(), metadata.offset());
            return metadata;
        });
        log.info(
                "{} re-drove dead letter {}-{}@{} (event {}) to {}-{}@{}",
                operator,
                topic.name(),
                record.partition(),
                record.offset(),
                letter.eventId(),
                target,
                sent.partition(),
                sent.offset());
        return letter.withRedriven(
                new DeadLetter.Redrive(clock.instant(), operator, target, sent.partition(), sent.offset()));
    }

    /** Sends synchronously: the re-drive is only recorded once Kafka has the record. */
    private RecordMetadata send(ConsumerRecord<byte[], byte[]> record, DeadLetter letter, String target) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX) && !header.key().equals(REDRIVEN_FROM_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(
                REDRIVEN_FROM_HEADER,
                (topic.name() + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8));
        Integer partition = target.equals(letter.originalTopic()) ? letter.originalPartition() : null;
        var producerRecord = new ProducerRecord<>(target, partition, letter.key(), record.value(), headers);
        try {
            return kafka.send(producerRecord)
                    .get(timeoutMs, TimeUnit.MILLISECONDS)
                    .getRecordMetadata();
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterTopicUnavailableException(
                    "Could not re-drive to " + target + ": " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterTopicUnavailableException("Interrupted while re-driving", e);
        }
    }

    private static DeadLetter describe(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String text = new String(value, StandardCharsets.UTF_8);
        Long originalTimestamp = longHeader(record, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
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
                null);
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
