package dev.ordersystem.orders.support;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.localstack.TopicReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a topic shows about events that were written to the outbox: which arrived, how often, and in which order per
 * order, judged by their first copies (a later copy is a duplicate that the consumers' inbox absorbs).
 */
public final class PublishedEvents {

    private final Map<String, EventEnvelope> written = new LinkedHashMap<>();
    private final Map<String, Integer> copies = new HashMap<>();
    private final Map<String, List<String>> firstCopyTypesPerOrder = new LinkedHashMap<>();

    private PublishedEvents(List<EventEnvelope> written, List<ConsumerRecord<String, String>> records) {
        written.forEach(e -> this.written.put(e.eventId().toString(), e));
        for (ConsumerRecord<String, String> record : records) {
            String id = TopicReader.header(record, EventHeaders.EVENT_ID).orElse("");
            EventEnvelope envelope = this.written.get(id);
            if (envelope != null && copies.merge(id, 1, Integer::sum) == 1) {
                firstCopyTypesPerOrder
                        .computeIfAbsent(envelope.aggregateId(), k -> new ArrayList<>())
                        .add(envelope.eventType());
            }
        }
    }

    /** The records of the topic that carry one of the {@code written} events. */
    public static PublishedEvents of(List<EventEnvelope> written, List<ConsumerRecord<String, String>> records) {
        return new PublishedEvents(written, records);
    }

    /** Whether every written event is on the topic at least once. */
    public boolean allArrived() {
        return copies.keySet().containsAll(written.keySet());
    }

    /** Written events not on the topic. */
    public Set<String> missing() {
        Set<String> missing = new HashSet<>(written.keySet());
        missing.removeAll(copies.keySet());
        return missing;
    }

    /** Copies on the topic beyond the first, over all written events. */
    public long duplicates() {
        return copies.values().stream().mapToLong(n -> n - 1).sum();
    }

    /** How often the event is on the topic. */
    public int copiesOf(EventEnvelope event) {
        return copies.getOrDefault(event.eventId().toString(), 0);
    }

    /** Per order, the types of its events in the order their first copies are on the topic. */
    public Map<String, List<String>> firstCopyTypesPerOrder() {
        return firstCopyTypesPerOrder;
    }

    /** The types of each order's events in the order they were written. */
    public Map<String, List<String>> writtenTypesPerOrder() {
        Map<String, List<String>> types = new LinkedHashMap<>();
        written.values()
                .forEach(e -> types.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>())
                        .add(e.eventType()));
        return types;
    }
}
