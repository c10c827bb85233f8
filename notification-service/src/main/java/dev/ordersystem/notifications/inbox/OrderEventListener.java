package dev.ordersystem.notifications.inbox;

import dev.ordersystem.notifications.NotificationsProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code notifications.topic} in group {@code notifications.group-id}. The offset is acknowledged only after
 * the record's transaction committed (ack mode MANUAL: the container commits the acknowledged offsets after each
 * poll). A record that throws is handed to the error handler of {@link InboxConfiguration}.
 */
@Component
public class OrderEventListener {

    /** Id of the listener container, e.g. for {@code KafkaListenerEndpointRegistry#getListenerContainer}. */
    public static final String ID = "order-events";

    private final OrderEventProcessor processor;
    private final NotificationsProperties properties;

    OrderEventListener(OrderEventProcessor processor, NotificationsProperties properties) {
        this.processor = processor;
        this.properties = properties;
    }

    @KafkaListener(
            id = ID,
            topics = "#{__listener.topic}",
            groupId = "#{__listener.groupId}",
            concurrency = "#{__listener.concurrency}")
    void onRecord(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
        processor.process(record);
        acknowledgment.acknowledge();
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
