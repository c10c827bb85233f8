package dev.ordersystem.system.e2e;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.localstack.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Everything on a topic, read from the beginning by a {@link TopicReader} (no consumer group, so it disturbs no
 * offsets) and kept in memory as {@link Entry entries}, each parsed as an order event where it is one.
 * {@link #readToEnd(Duration)} catches up with the records written so far.
 */
final class TopicLog implements AutoCloseable {

    private static final OrderEventJson EVENTS = new OrderEventJson();

    /**
     * One record.
     *
     * @param traceParent the {@code traceparent} header (the trace context the relay publishes with the event)
     * @param envelope the value parsed as an order event, or {@code null} if it is not one
     */
    record Entry(
            int partition,
            long offset,
            @Nullable String key,
            @Nullable String headerId,
            @Nullable String traceParent,
            byte[] value,
            @Nullable EventEnvelope envelope) {}

    private final TopicReader<byte[], byte[]> reader;
    private final List<Entry> entries = new ArrayList<>();

    TopicLog(String bootstrapServers, String topic) {
        this.reader = TopicReader.ofBytes(bootstrapServers, topic);
    }

    /**
     * Reads until the position of every partition has reached the end offset it had when this call started; returns
     * every record read so far.
     *
     * @throws IllegalStateException if the end is not reached within {@code timeout}
     */
    synchronized List<Entry> readToEnd(Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = reader.readToEnd(timeout);
        records.subList(entries.size(), records.size()).forEach(record -> entries.add(entry(record)));
        return List.copyOf(entries);
    }

    /** The records read so far, without reading more. */
    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Number of partitions of the topic (after the first read). */
    synchronized int partitionCount() {
        return reader.partitionCount();
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
        return new Entry(
                record.partition(),
                record.offset(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                TopicReader.header(record, EventHeaders.EVENT_ID)
                        .map(TopicLog::unquote)
                        .orElse(null),
                TopicReader.header(record, EventHeaders.TRACE_PARENT).orElse(null),
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
        reader.close();
    }
}
