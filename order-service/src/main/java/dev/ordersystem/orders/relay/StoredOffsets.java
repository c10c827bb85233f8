package dev.ordersystem.orders.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's stored offsets in the offsets topic, read and removed while no engine runs. Kafka Connect keys them by
 * {@code ["<engine name>", {"server": "<topic prefix>"}]} (JSON) and treats a record without value as "no offsets".
 */
final class StoredOffsets {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The offsets record of this relay: its key as stored and the offset (LSNs, snapshot flags). */
    record Stored(byte[] key, Map<String, Object> offset) {

        /** The last WAL position completely processed ({@code lsn_proc}), else the last one seen. */
        @Nullable
        Long lsn() {
            return offset.get("lsn_proc") instanceof Number proc
                    ? Long.valueOf(proc.longValue())
                    : offset.get("lsn") instanceof Number lsn ? Long.valueOf(lsn.longValue()) : null;
        }

        /** Whether these offsets were stored in the middle of a snapshot (which the next start repeats). */
        boolean snapshotInProgress() {
            Object snapshot = offset.get("snapshot");
            return snapshot != null
                    && !"false".equalsIgnoreCase(snapshot.toString())
                    && !Boolean.TRUE.equals(offset.get("snapshot_completed"));
        }
    }

    private final RelayKafkaClients kafka;
    private final String topic;
    private final String server;

    StoredOffsets(RelayKafkaClients kafka, RelayProperties relay) {
        this.kafka = kafka;
        this.topic = relay.offsetsTopic();
        this.server = EngineSettings.topicPrefix(relay);
    }

    /** The relay's current offsets: the last record of its key, read to the end of the topic. */
    Optional<Stored> read() {
        try (Consumer<byte[], byte[]> consumer = kafka.offsetsReader()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> all = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Stored last = null;
            while (all.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new RelayException("Could not read the offsets topic " + topic + " within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (isOurs(record.key())) {
                        last = record.value() == null ? null : new Stored(record.key(), offset(record.value()));
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }

    /** Removes the offsets (a record without value for their key): the next engine start snapshots. */
    void remove(Stored stored) throws InterruptedException {
        try (Producer<byte[], byte[]> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(topic, stored.key(), null)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayException("Could not remove the stale offsets from " + topic + ": " + e.getMessage(), e);
        }
    }

    private boolean isOurs(byte @Nullable [] key) {
        if (key == null) {
            return false;
        }
        try {
            JsonNode parsed = JSON.readTree(key);
            return parsed.isArray()
                    && parsed.size() == 2
                    && EngineSettings.ENGINE_NAME.equals(parsed.get(0).asString(""))
                    && server.equals(parsed.get(1).path("server").asString(""));
        } catch (JacksonException e) {
            return false; // not written by Kafka Connect
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> offset(byte[] value) {
        try {
            return JSON.readValue(value, Map.class);
        } catch (JacksonException e) {
            throw new RelayException("The stored offsets of the relay are not JSON: " + e.getMessage(), e);
        }
    }
}
