package dev.ordersystem.benchmark;

import dev.ordersystem.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topic settings, producer settings and topic measurements shared by every phase. */
final class Kafka {

    /** The CDC relay's topic (orders.relay.topic); created here first so that it has the benchmark's settings. */
    static final String EVENTS_TOPIC = Topics.ORDER_EVENTS;

    static final String POLLING_TOPIC = "bench.polling.events";
    static final String RAW_TOPIC = "bench.raw.events";

    /** Every topic the benchmark measures, created with {@link #topicConfig()} before the first phase. */
    static final List<String> TOPICS = List.of(EVENTS_TOPIC, POLLING_TOPIC, RAW_TOPIC);

    static final int PARTITIONS = 6;
    static final short REPLICATION_FACTOR = 1;

    private Kafka() {}

    /**
     * The same settings for every topic the benchmark measures: the relay's partitions (6), replication factor and
     * {@code min.insync.replicas} (1, one broker), and {@code message.timestamp.type=LogAppendTime}, so that every
     * record carries the broker's clock at the moment it appended it (that is when it is acknowledged).
     */
    static Map<String, String> topicConfig() {
        return Map.of("min.insync.replicas", "1", "message.timestamp.type", "LogAppendTime");
    }

    static void createTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : TOPICS) {
                topics.add(new NewTopic(name, PARTITIONS, REPLICATION_FACTOR).configs(topicConfig()));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The order-service relay's producer settings (EngineRun.producerSettings): {@code acks=all}, idempotent, 5
     * requests in flight, {@code linger.ms=1}, byte-array key and value; everything else the client's defaults.
     */
    static Map<String, Object> relayProducerSettings(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    static List<TopicPartition> partitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    static Map<TopicPartition, Long> endOffsets(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            return consumer.endOffsets(partitions(topic), Duration.ofSeconds(30));
        }
    }

    /**
     * First and last record appended to a topic since {@code from}: the smallest append time of the first new record
     * of each partition, the largest of the last one, and how many records were appended.
     */
    record Span(long records, long firstAppendMillis, long lastAppendMillis) {
        double seconds() {
            return (lastAppendMillis - firstAppendMillis) / 1000.0;
        }

        /** Records per second from the first to the last append ({@code records - 1} intervals). */
        double rate() {
            return records > 1 && lastAppendMillis > firstAppendMillis ? (records - 1) / seconds() : 0;
        }
    }

    static Span span(String bootstrapServers, String topic, Map<TopicPartition, Long> from) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions(topic), Duration.ofSeconds(30));
            Map<TopicPartition, Long> firsts = new HashMap<>();
            Map<TopicPartition, Long> lasts = new HashMap<>();
            long records = 0;
            for (TopicPartition partition : partitions(topic)) {
                long start = from.getOrDefault(partition, 0L);
                long stop = end.getOrDefault(partition, 0L);
                if (stop > start) {
                    records += stop - start;
                    firsts.put(partition, start);
                    lasts.put(partition, stop - 1);
                }
            }
            if (records == 0) {
                return new Span(0, 0, 0);
            }
            long first =
                    timestampsAt(consumer, firsts).stream().min(Long::compare).orElseThrow();
            long last =
                    timestampsAt(consumer, lasts).stream().max(Long::compare).orElseThrow();
            return new Span(records, first, last);
        }
    }

    /** The timestamps of the records at the given offsets, one per partition. */
    private static List<Long> timestampsAt(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> offsets) {
        consumer.assign(offsets.keySet());
        offsets.forEach(consumer::seek);
        Map<TopicPartition, Long> found = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (found.size() < offsets.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() == offsets.get(partition)) {
                    found.put(partition, record.timestamp());
                    consumer.pause(List.of(partition));
                }
            }
        }
        if (found.size() < offsets.size()) {
            throw new IllegalStateException("Could not read the records at " + offsets);
        }
        consumer.resume(offsets.keySet());
        return new ArrayList<>(found.values());
    }
}
