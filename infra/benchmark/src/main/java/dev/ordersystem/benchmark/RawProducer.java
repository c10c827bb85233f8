package dev.ordersystem.benchmark;

import dev.ordersystem.events.EventHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The raw Kafka producer: one producer with the CDC relay's settings, one thread calling {@code send()} back to back,
 * records shaped like the relay's (a random key and event id, the payload and headers of a sampled outbox row). Its
 * rate is measured on the topic like the drains': {@code (records - 1) / (last - first LogAppendTime)}.
 *
 * @param sample the outbox row whose payload and headers every record carries
 */
record RawProducer(String bootstrapServers, OutboxRow sample, Duration warmup, Duration measure)
        implements Phase<RawProducer.Result> {

    /** @param producerSideRecordsPerSecond records sent per second, as the producer saw it, acknowledgements included */
    record Result(
            long records,
            double firstToLastSeconds,
            double recordsPerSecond,
            double producerSideRecordsPerSecond,
            int keyBytes,
            int valueBytes,
            int headerBytes) {}

    @Override
    public String name() {
        return "raw Kafka producer";
    }

    @Override
    public Result run() throws Exception {
        byte[] value = OutboxRow.utf8(sample.payload());
        byte[] type = OutboxRow.utf8(sample.type());
        byte[] traceParent = sample.traceParent() == null ? null : OutboxRow.utf8(sample.traceParent());
        int headerBytes = EventHeaders.EVENT_ID.length()
                + sample.id().toString().length()
                + EventHeaders.EVENT_TYPE.length()
                + type.length
                + (traceParent == null ? 0 : EventHeaders.TRACE_PARENT.length() + traceParent.length);
        AtomicLong failures = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(Kafka.relayProducerSettings(bootstrapServers, "bench-raw-producer"))) {
            sendFor(producer, warmup, value, type, traceParent, failures);
            producer.flush();
            Map<TopicPartition, Long> from = Kafka.endOffsets(bootstrapServers, Kafka.RAW_TOPIC);
            long start = System.nanoTime();
            long sent = sendFor(producer, measure, value, type, traceParent, failures);
            producer.flush();
            double producerSeconds = (System.nanoTime() - start) / 1e9;
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " records of the raw producer were not acknowledged");
            }
            Kafka.Span span = Kafka.span(bootstrapServers, Kafka.RAW_TOPIC, from);
            return new Result(
                    span.records(),
                    span.seconds(),
                    span.rate(),
                    sent / producerSeconds,
                    OutboxRow.utf8(sample.key()).length,
                    value.length,
                    headerBytes);
        }
    }

    /** Sends records with a random key and event id back to back for a while; returns how many. */
    private static long sendFor(
            KafkaProducer<byte[], byte[]> producer,
            Duration duration,
            byte[] value,
            byte[] type,
            byte @Nullable [] traceParent,
            AtomicLong failures) {
        long end = System.nanoTime() + duration.toNanos();
        long sent = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                byte[] key = randomUuid(random);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        Kafka.RAW_TOPIC, null, key, value, OutboxRow.headers(randomUuid(random), type, traceParent));
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    }
                });
                sent++;
            }
        }
        return sent;
    }

    private static byte[] randomUuid(ThreadLocalRandom random) {
        return OutboxRow.utf8(new UUID(random.nextLong(), random.nextLong()).toString());
    }
}
