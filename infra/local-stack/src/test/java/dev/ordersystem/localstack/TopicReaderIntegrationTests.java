package dev.ordersystem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TopicReader} against a real broker: what it reads, from where, and that it joins no consumer group. */
class TopicReaderIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path logDir;

    private static KafkaBroker broker;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void startBroker() {
        int[] ports = Ports.findFree(2);
        broker = new KafkaBroker(ports[0], ports[1], logDir);
        broker.start();
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.close();
    }

    @Test
    void readsEveryPartitionFromTheBeginningToTheEndWithoutAConsumerGroup() throws Exception {
        String topic = newTopic(3);
        List<String> sent = send(topic, 30);

        try (var reader = TopicReader.ofStrings(broker.bootstrapServers(), topic);
                Admin admin = admin()) {
            List<ConsumerRecord<String, String>> read = reader.readToEnd(WAIT);

            assertThat(read).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(reader.partitionCount()).isEqualTo(3);
            assertThat(reader.records()).isEqualTo(read);
            assertThat(admin.listGroups().all().get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void keepsWhatItReadAndReadsOnUntilTheConditionHolds() {
        String topic = newTopic(2);
        List<String> first = send(topic, 4);

        try (var reader = TopicReader.ofBytes(broker.bootstrapServers(), topic)) {
            assertThat(reader.readAtLeast(4, WAIT)).hasSize(4);
            List<String> second = send(topic, 2);

            List<ConsumerRecord<byte[], byte[]>> all = reader.readUntil(
                    records -> records.stream().anyMatch(r -> text(r.value()).equals(second.get(1))), WAIT);

            assertThat(all).extracting(r -> text(r.value())).containsAll(first).containsAll(second);
        }
    }

    @Test
    void failsWhenTheConditionDoesNotHoldInTime() {
        String topic = newTopic(1);
        send(topic, 1);

        try (var reader = TopicReader.ofStrings(broker.bootstrapServers(), topic)) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> reader.readAtLeast(2, Duration.ofSeconds(2)))
                    .withMessageContaining(topic);
        }
    }

    @Test
    void findsNothingBeforeTheTopicExists() {
        try (var reader = TopicReader.ofStrings(broker.bootstrapServers(), "not-created-" + UUID.randomUUID())) {
            assertThat(reader.readToEnd(WAIT)).isEmpty();
            assertThat(reader.poll()).isEmpty();
            assertThat(reader.partitionCount()).isZero();
        }
    }

    @Test
    void afterSkippingToTheEndHandsOverOnlyWhatArrivesLaterAndKeepsNothing() {
        String topic = newTopic(2);
        send(topic, 5);

        try (var reader =
                TopicReader.ofStrings(broker.bootstrapServers(), topic).skipToEnd()) {
            List<String> later = send(topic, 3);
            List<String> handed = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                reader.pollEach(Duration.ofMillis(200), record -> handed.add(record.value()));
                return handed.size() >= later.size();
            });

            assertThat(handed).containsExactlyInAnyOrderElementsOf(later);
            assertThat(reader.records()).isEmpty();
        }
    }

    @Test
    void givesTheLastValueAndTheCountOfAHeader() throws Exception {
        String topic = newTopic(1);
        var headers = new RecordHeaders()
                .add("attempt", bytes("first"))
                .add("attempt", bytes("second"))
                .add("other", bytes("x"));
        producer.send(new ProducerRecord<>(topic, null, "key", "value", headers))
                .get(10, TimeUnit.SECONDS);

        try (var reader = TopicReader.ofStrings(broker.bootstrapServers(), topic)) {
            ConsumerRecord<String, String> record = reader.readAtLeast(1, WAIT).get(0);

            assertThat(TopicReader.header(record, "attempt")).hasValue("second");
            assertThat(TopicReader.headerCount(record, "attempt")).isEqualTo(2);
            assertThat(TopicReader.header(record, "missing")).isEmpty();
            assertThat(TopicReader.headerCount(record, "missing")).isZero();
        }
    }

    private static String newTopic(int partitions) {
        String topic = "reader-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create " + topic, e);
        }
        return topic;
    }

    /** Sends {@code count} distinct values, keyed so that they spread over the partitions; returns the values. */
    private static List<String> send(String topic, int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = "value-" + UUID.randomUUID();
            try {
                producer.send(new ProducerRecord<>(topic, "key-" + i, value)).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Could not send to " + topic, e);
            }
            values.add(value);
        }
        return values;
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
