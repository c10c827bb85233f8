package dev.ordersystem.notifications.deadletter;

import dev.ordersystem.notifications.NotificationsProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the dead-letter topic with a consumer of its own for each call: no group, partitions assigned by hand, from
 * the beginning to the end offsets taken at the start of the call. Nothing is committed.
 */
@Component
class DeadLetterTopic {

    private static final AtomicInteger READERS = new AtomicInteger();
    private static final Duration POLL = Duration.ofMillis(200);

    private final ConsumerFactory<?, ?> consumerFactory;
    private final String topic;
    private final Duration timeout;

    DeadLetterTopic(ConsumerFactory<?, ?> consumerFactory, NotificationsProperties properties) {
        this.consumerFactory = consumerFactory;
        this.topic = properties.deadLetterTopic();
        this.timeout = properties.kafkaTimeout();
    }

    String name() {
        return topic;
    }

    /** Every record of the topic, partition by partition, in offset order. */
    List<ConsumerRecord<byte[], byte[]>> readAll() {
        try (Consumer<byte[], byte[]> consumer = newConsumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            return readUntil(consumer, ends);
        } catch (KafkaException e) {
            throw new DeadLetterTopicUnavailableException("Cannot read " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The record at this partition and offset, if there is one. */
    Optional<ConsumerRecord<byte[], byte[]>> read(int partition, long offset) {
        try (Consumer<byte[], byte[]> consumer = newConsumer()) {
            TopicPartition wanted = new TopicPartition(topic, partition);
            if (!partitions(consumer).contains(wanted) || offset < 0) {
                return Optional.empty();
            }
            consumer.assign(List.of(wanted));
            long end = consumer.endOffsets(List.of(wanted), timeout).get(wanted);
            if (offset >= end) {
                return Optional.empty();
            }
            consumer.seek(wanted, offset);
            return readUntil(consumer, Map.of(wanted, offset + 1)).stream()
                    .filter(record -> record.offset() == offset)
                    .findFirst();
        } catch (KafkaException e) {
            throw new DeadLetterTopicUnavailableException("Cannot read " + topic + ": " + e.getMessage(), e);
        }
    }

    private List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.listTopics(timeout).get(topic);
        if (infos == null) {
            return List.of();
        }
        return infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
    }

    private List<ConsumerRecord<byte[], byte[]>> readUntil(
            Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();
        long deadline = System.nanoTime() + timeout.multipliedBy(2).toNanos();
        while (!reachedEnd(consumer, ends)) {
            if (System.nanoTime() > deadline) {
                throw new DeadLetterTopicUnavailableException(
                        "Reading " + topic + " to its end took longer than " + timeout.multipliedBy(2),
                        new KafkaException("timeout"));
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = ends.get(partition);
                if (end != null && record.offset() < end) {
                    read.computeIfAbsent(partition, p -> new ArrayList<>()).add(record);
                }
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        ends.keySet().stream()
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .forEach(partition -> records.addAll(read.getOrDefault(partition, List.of())));
        return records;
    }

    private static boolean reachedEnd(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Consumer<byte[], byte[]> newConsumer() {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-service-dlt-reader-" + READERS.incrementAndGet());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
