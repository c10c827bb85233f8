package dev.ordersystem.system.e2e;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.events.OrderEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Everything on a topic, read from the beginning by a consumer without a group (so it disturbs no offsets) and kept in
 * memory. {@link #readToEnd(Duration)} catches up with the records written so far.
 */
final class TopicLog implements AutoCloseable {

    private static final OrderEventJson EVENTS = new OrderEventJson();

    /**
     * One record.
     *
     * @param envelope the value parsed as an order event, or {@code null} if it is not one
     */
    record Entry(
            int partition,
            long offset,
            @Nullable String key,
            @Nullable String headerId,
            byte[] value,
            @Nullable EventEnvelope envelope) {}

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Entry> entries = new ArrayList<>();
    private List<TopicPartition> partitions = List.of();

    TopicLog(String bootstrapServers, String topic) {
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
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "e2e-topic-log-" + topic),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * Reads until the position of every partition has reached the end offset it had when this call started; returns
     * every record read so far.
     *
     * @throws IllegalStateException if the end is not reached within {@code timeout}
     */
    synchronized List<Entry> readToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (partitions.isEmpty()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return List.copyOf(entries);
            }
            partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Could not read " + topic + " to its end offsets " + end + " within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                entries.add(entry(record));
            }
        }
        return List.copyOf(entries);
    }

    /** The records read so far, without reading more. */
    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Number of partitions of the topic (after the first read). */
    synchronized int partitionCount() {
        return partitions.size();
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (var partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Entry entry(ConsumerRecord<byte[], byte[]> record) {
        EventEnvelope envelope = null;
        if (record.value() != null) {
            try {
                envelope = EVENTS.read(record.value());
            } catch (RuntimeException e) {
                // not an order event (e.g. the poison record); kept with envelope null
            }
        }
        Header id = record.headers().lastHeader(EventHeaders.EVENT_ID);
        return new Entry(
                record.partition(),
                record.offset(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                id == null || id.value() == null ? null : unquote(new String(id.value(), StandardCharsets.UTF_8)),
                record.value() == null ? new byte[0] : record.value(),
                envelope);
    }

    private static String unquote(String text) {
        String trimmed = text.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
