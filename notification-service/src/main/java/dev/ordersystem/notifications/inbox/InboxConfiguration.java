package dev.ordersystem.notifications.inbox;

import dev.ordersystem.events.EventFormatException;
import dev.ordersystem.notifications.NotificationsProperties;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The listener container: MANUAL acknowledgement, {@code notifications.concurrency} consumers, and a
 * {@link DefaultErrorHandler} that retries a failed record in place with bounded exponential backoff
 * ({@code notifications.retry.*}) and then publishes it to {@code notifications.dead-letter-topic} with
 * {@link DeadLetterPublishingRecoverer} (original topic, partition, offset and the exception in headers). Records
 * that can never succeed ({@link EventFormatException}: unparseable, schema-invalid, newer schema version) skip the
 * retries. After a successful dead-letter publish the record's offset is committed, so the partition moves on; if the
 * publish fails, the record is retried instead and nothing is lost.
 */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InboxConfiguration.class);

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory,
            DefaultErrorHandler inboxErrorHandler,
            NotificationsProperties properties) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        factory.getContainerProperties().setAckMode(AckMode.MANUAL);
        factory.setConcurrency(properties.concurrency());
        factory.setCommonErrorHandler(inboxErrorHandler);
        return factory;
    }

    @Bean
    DefaultErrorHandler inboxErrorHandler(
            KafkaTemplate<?, ?> kafkaTemplate, NotificationsProperties properties, InboxMetrics metrics) {
        String deadLetterTopic = properties.deadLetterTopic();
        // partition -1: the producer picks it from the key, so the DLT may have fewer partitions than the topic
        var publisher = new DeadLetterPublishingRecoverer(
                kafkaTemplate, (record, e) -> new TopicPartition(deadLetterTopic, -1));
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, e) -> {
            Throwable cause = cause(e);
            log.error(
                    "Dead-lettering {}-{}@{} to {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    deadLetterTopic,
                    cause.toString());
            publisher.accept(record, consumer, e);
            metrics.deadLettered(cause);
        };
        NotificationsProperties.Retry retry = properties.retry();
        var backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(EventFormatException.class);
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }

    private static Throwable cause(Exception e) {
        return e instanceof ListenerExecutionFailedException && e.getCause() != null ? e.getCause() : e;
    }
}
