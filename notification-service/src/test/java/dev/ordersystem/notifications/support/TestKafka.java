package dev.ordersystem.notifications.support;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.events.Topics;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/** Plain Kafka clients against the local stack's broker: a producer like the relay's, and topic reads. */
public final class TestKafka {

    public static final String TOPIC = Topics.ORDER_EVENTS;
    public static final String DLT = Topics.ORDER_EVENTS_DEAD_LETTERS;
    public static final int PARTITIONS = 6;

    private static @Nullable KafkaProducer<String, byte[]> producer;

    private TestKafka() {}

    public static String bootstrapServers() {
        return LocalStackExtension.stack().bootstrapServers();
    }

    public static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    /**
     * Creates {@link #TOPIC} with {@link #PARTITIONS} partitions unless it exists, as order-service's relay (its owner)
     * does: the service under test only checks for it, and creates its dead-letter topic with as many partitions.
     */
    public static void createTopic() {
        createTopic(TOPIC);
    }

    public static void createTopic(String topic) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + topic, e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("could not create " + topic, e);
        }
    }

    /** Publishes the event like the relay: key = order id, headers {@code id}, {@code eventType}, traceparent. */
    public static RecordMetadata publish(EventEnvelope envelope) {
        return publish(null, envelope);
    }

    public static RecordMetadata publish(@Nullable Integer partition, EventEnvelope envelope) {
        return publishTo(TOPIC, partition, envelope);
    }

    public static RecordMetadata publishTo(String topic, @Nullable Integer partition, EventEnvelope envelope) {
        return sendTo(
                topic,
                partition,
                envelope.aggregateId(),
                TestEvents.JSON.writeBytes(envelope),
                EventHeaders.EVENT_ID,
                envelope.eventId().toString(),
                EventHeaders.EVENT_TYPE,
                envelope.eventType(),
                EventHeaders.TRACE_PARENT,
                envelope.traceParent());
    }

    /** Sends any value to {@link #TOPIC}, with header name/value pairs (null values are left out). */
    public static RecordMetadata send(
            @Nullable Integer partition, @Nullable String key, byte[] value, @Nullable String... headers) {
        return sendTo(TOPIC, partition, key, value, headers);
    }

    private static RecordMetadata sendTo(
            String topic,
            @Nullable Integer partition,
            @Nullable String key,
            byte[] value,
            @Nullable String... headers) {
        var recordHeaders = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                recordHeaders.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return producer()
                    .send(new ProducerRecord<>(topic, partition, key, value, recordHeaders))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    /** Every record of a topic, read from the beginning to the current end. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (var reader = TopicReader.ofBytes(bootstrapServers(), topic)) {
            return reader.readToEnd(Duration.ofSeconds(20));
        }
    }

    /** Closes the producer, if one was opened. */
    public static synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.LINGER_MS_CONFIG,
                            0),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }
}
