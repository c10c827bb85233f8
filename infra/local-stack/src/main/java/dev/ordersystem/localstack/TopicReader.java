package dev.ordersystem.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic with a plain consumer that belongs to no group (it assigns itself every partition, so it commits
 * nothing and disturbs no consumer group), from the beginning of each partition, committed records only.
 *
 * <p>The reading methods ({@link #poll()}, {@link #readToEnd}, {@link #readUntil}, {@link #readAtLeast}) keep every
 * record they read and return all of them, in the order read, so a test can call them again and again from a wait.
 * {@link #pollEach} instead hands the records of one poll to the caller and keeps none: for following a long stream
 * (with {@link #skipToEnd()}: only what arrives from now on). Use one or the other on a reader.
 *
 * <p>Until the topic exists, nothing is assigned and the reading methods find no records.
 */
public final class TopicReader<K, V> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<K, V> consumer;
    private final String topic;
    private final List<ConsumerRecord<K, V>> records = new ArrayList<>();
    private List<TopicPartition> partitions = List.of();

    private TopicReader(
            String bootstrapServers, String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "topic-reader-" + topic),
                keyDeserializer,
                valueDeserializer);
    }

    /** A reader of keys and values as UTF-8 text. */
    public static TopicReader<String, String> ofStrings(String bootstrapServers, String topic) {
        return new TopicReader<>(bootstrapServers, topic, new StringDeserializer(), new StringDeserializer());
    }

    /** A reader of keys and values as bytes. */
    public static TopicReader<byte[], byte[]> ofBytes(String bootstrapServers, String topic) {
        return new TopicReader<>(bootstrapServers, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Moves to the current end of every partition, now: what this reader reads from here on arrived after this call.
     *
     * @throws IllegalStateException if the topic does not exist
     */
    public synchronized TopicReader<K, V> skipToEnd() {
        if (!assigned(METADATA_TIMEOUT)) {
            throw new IllegalStateException("Topic " + topic + " does not exist");
        }
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // the seek is lazy: fix the positions before anything is produced
        return this;
    }

    /** Polls once (up to 200 ms); returns every record read so far. */
    public synchronized List<ConsumerRecord<K, V>> poll() {
        pollEach(POLL, records::add);
        return records();
    }

    /**
     * Reads until every partition is read up to the end it had when this call started; returns every record read so
     * far.
     *
     * @throws IllegalStateException if that end is not reached within {@code timeout}
     */
    public synchronized List<ConsumerRecord<K, V>> readToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!assigned(timeout)) {
            return records();
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        while (end.entrySet().stream()
                .anyMatch(partition -> consumer.position(partition.getKey()) < partition.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Could not read " + topic + " to its end offsets " + end + " within " + timeout);
            }
            pollEach(POLL, records::add);
        }
        return records();
    }

    /**
     * Reads until the records read so far satisfy {@code done}; returns them.
     *
     * @throws IllegalStateException if they do not within {@code timeout}
     */
    public synchronized List<ConsumerRecord<K, V>> readUntil(
            Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(records())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Read " + records.size() + " records of " + topic + " in " + timeout
                        + " without reaching the expected ones");
            }
            pollEach(POLL, records::add);
        }
        return records();
    }

    /**
     * Reads until at least {@code count} records were read; returns every record read so far.
     *
     * @throws IllegalStateException if fewer arrive within {@code timeout}
     */
    public List<ConsumerRecord<K, V>> readAtLeast(int count, Duration timeout) {
        return readUntil(read -> read.size() >= count, timeout);
    }

    /** The records read so far, without reading more. */
    public synchronized List<ConsumerRecord<K, V>> records() {
        return List.copyOf(records);
    }

    /**
     * Polls once, waiting up to {@code timeout} for records, and hands each record read to {@code action}, in the order
     * read, without keeping it.
     */
    public synchronized void pollEach(Duration timeout, Consumer<ConsumerRecord<K, V>> action) {
        if (assigned(METADATA_TIMEOUT)) {
            consumer.poll(timeout).forEach(action);
            return;
        }
        try {
            Thread.sleep(timeout.toMillis()); // no topic yet, nothing to poll: wait as long as a poll would
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The number of partitions of the topic; 0 before it exists. */
    public synchronized int partitionCount() {
        return partitions.size();
    }

    /** The last value of the header {@code name} as UTF-8 text, if the record has the header. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** How many headers named {@code name} the record has. */
    public static int headerCount(ConsumerRecord<?, ?> record, String name) {
        int count = 0;
        for (Header ignored : record.headers().headers(name)) {
            count++;
        }
        return count;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    /** Assigns every partition, from its beginning, once the topic exists; whether it is assigned. */
    private boolean assigned(Duration timeout) {
        if (partitions.isEmpty()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        return true;
    }
}
