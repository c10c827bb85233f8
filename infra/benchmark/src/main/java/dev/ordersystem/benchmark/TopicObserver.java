package dev.ordersystem.benchmark;

import dev.ordersystem.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * Reads a topic from its current end, as the records arrive, and remembers for every event id (header {@code id})
 * when the broker appended it (the record's {@code LogAppendTime}). The first copy of an event counts.
 */
final class TopicObserver implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<UUID, Long> appendedAt = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    TopicObserver(String bootstrapServers, String topic) {
        this.consumer = Kafka.consumer(bootstrapServers);
        consumer.assign(Kafka.partitions(topic));
        consumer.seekToEnd(Kafka.partitions(topic));
        Kafka.partitions(topic).forEach(consumer::position); // fix the start before anything is produced
        this.thread = new Thread(this::run, "observer-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Header id = record.headers().lastHeader(EventHeaders.EVENT_ID);
                    if (id != null) {
                        try {
                            appendedAt.putIfAbsent(
                                    UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)),
                                    record.timestamp());
                        } catch (IllegalArgumentException e) {
                            // not an event of ours
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Nullable
    Long appendedAt(UUID eventId) {
        return appendedAt.get(eventId);
    }

    /** Distinct events seen so far. */
    int distinctEvents() {
        return appendedAt.size();
    }

    /** Waits until every id was seen or the timeout passed; returns how many are still missing. */
    int awaitAll(Collection<UUID> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int missing = 0;
            for (UUID id : ids) {
                if (!appendedAt.containsKey(id)) {
                    missing++;
                }
            }
            if (missing == 0 || System.nanoTime() > deadline) {
                return missing;
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
