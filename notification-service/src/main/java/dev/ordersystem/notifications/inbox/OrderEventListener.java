package dev.ordersystem.notifications.inbox;

import dev.ordersystem.notifications.NotificationsProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code notifications.topic} in group {@code notifications.group-id}. The offset is acknowledged only after
 * the record's transaction committed (ack mode MANUAL: the container commits the acknowledged offsets after each
 * poll). A record that throws is handed to the error handler of {@link InboxConfiguration}. While a record is handled,
 * the MDC holds its event id; its trace and span ids are there too: the container observes each record
 * ({@code spring.kafka.listener.observation-enabled}), in a span that continues the trace of its {@code traceparent}
 * header.
 */
@Component
public record OrderEventListener(
        OrderEventProcessor processor, DependencyOutage outage, NotificationsProperties properties) {

    /** Id of the listener container, e.g. for {@code KafkaListenerEndpointRegistry#getListenerContainer}. */
    public static final String ID = "order-events";

    private static final String EVENT_ID_LOG_KEY = "eventId";

    @KafkaListener(
            id = ID,
            topics = "#{__listener.topic}",
            groupId = "#{__listener.groupId}",
            concurrency = "#{__listener.concurrency}")
    void onRecord(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
        putLogContext(record);
        try {
            processor.process(record);
        } finally {
            MDC.remove(EVENT_ID_LOG_KEY);
        }
        acknowledgment.acknowledge();
        outage.recordSucceeded();
    }

    /** The record's event id, from its headers, goes into the MDC of what is logged while handling it. */
    private static void putLogContext(ConsumerRecord<?, ?> record) {
        EventRecordHeaders.eventId(record).ifPresent(id -> MDC.put(EVENT_ID_LOG_KEY, id.toString()));
    }

    /** For the {@code @KafkaListener} expression. */
    public String getTopic() {
        return properties.topic();
    }

    /** For the {@code @KafkaListener} expression. */
    public String getGroupId() {
        return properties.groupId();
    }

    /** For the {@code @KafkaListener} expression. */
    public String getConcurrency() {
        return Integer.toString(properties.concurrency());
    }
}
