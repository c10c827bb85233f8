package dev.ordersystem.orders.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.StackMode;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.orders.support.RelayTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stop of the engine during a Kafka outage confirms to the slot what Kafka had acknowledged, although the final
 * offset flush fails: the stored offsets then lag behind the slot. The relay must start again, from the slot, without
 * a snapshot (research 1, §1.3).
 */
@TestPropertySource(
        properties = {
            "orders.relay.enabled=true",
            "orders.relay.instance-id=lag-test",
            "orders.relay.slot-name=" + RelayOffsetsBehindSlotIntegrationTests.SLOT,
            "orders.relay.publication-name=relay_pub_lag",
            "orders.relay.topic=" + RelayOffsetsBehindSlotIntegrationTests.TOPIC,
            "orders.relay.offsets-topic=" + RelayOffsetsBehindSlotIntegrationTests.OFFSETS_TOPIC,
            "orders.relay.heartbeat-interval=PT1S"
        })
@DirtiesContext
class RelayOffsetsBehindSlotIntegrationTests extends RelayTestSupport {

    static final String SLOT = "relay_lag";
    static final String TOPIC = "orders.events.lag";
    static final String OFFSETS_TOPIC = "orders.relay.offsets.lag";
    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

    @Test
    void startsAgainAndLosesNothingAfterAKafkaOutageFollowedByAnEngineStop() {
        LocalStack stack = LocalStackExtension.stack();
        assumeTrue(stack.mode() == StackMode.LOCAL, "the broker can only be stopped and started in LOCAL stack mode");
        List<EventEnvelope> written = new ArrayList<>(outbox.insertLives(5));
        awaitOnTopic(written);

        stack.stopKafka();
        try {
            written.addAll(outbox.insertLives(5)); // cannot be published while Kafka is down
            relay.stop(); // its final offset flush fails
        } finally {
            stack.startKafka();
        }
        written.addAll(outbox.insertLives(5));
        relay.start();

        awaitStreaming();
        awaitOnTopic(written);
    }

    @Test
    void resumesFromTheSlotWithoutASnapshotWhenTheStoredOffsetsLagBehindIt() throws Exception {
        LocalStack stack = LocalStackExtension.stack();
        ConsumerRecord<byte[], byte[]> firstOffsets = firstOffsetsRecord();
        long firstLsn =
                JSON_MAPPER.readTree(firstOffsets.value()).path("lsn_proc").asLong();
        List<EventEnvelope> written = new ArrayList<>(outbox.insertLives(5));
        awaitOnTopic(written);
        // restart_lsn follows the confirmed position at the next running-xacts record, which a checkpoint writes
        jdbc.sql("checkpoint").update();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> restartLsn() > firstLsn);
        relay.stop();

        // the state a stop during a Kafka outage leaves: the stored offsets behind the slot's restart_lsn
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(OFFSETS_TOPIC, firstOffsets.key(), firstOffsets.value()))
                    .get();
        }
        written.addAll(outbox.insertLives(5));
        long restartsBefore = relayStatus().path("local").path("restarts").asLong();
        relay.start();

        awaitStreaming();
        awaitOnTopic(written);
        JsonNode local = relayStatus().path("local");
        assertThat(local.path("restarts").asLong())
                .as("one engine start, no failed ones")
                .isEqualTo(restartsBefore + 1);
        assertThat(local.path("snapshotReason").isNull()).as("no snapshot").isTrue();
    }

    /** The first offsets stored while streaming (not during the initial snapshot). */
    private ConsumerRecord<byte[], byte[]> firstOffsetsRecord() {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalStackExtension.stack().bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(OFFSETS_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().anyMatch(RelayOffsetsBehindSlotIntegrationTests::streamed);
            });
            return records.stream()
                    .filter(RelayOffsetsBehindSlotIntegrationTests::streamed)
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static boolean streamed(ConsumerRecord<byte[], byte[]> offsets) {
        if (offsets.value() == null) {
            return false;
        }
        JsonNode offset = JSON_MAPPER.readTree(offsets.value());
        return offset.has("lsn_proc") && !offset.has("snapshot");
    }

    private long restartLsn() {
        return ofSlot(
                SLOT,
                "select pg_wal_lsn_diff(restart_lsn, '0/0')::bigint from pg_replication_slots"
                        + " where slot_name = :slot",
                Long.class);
    }
}
