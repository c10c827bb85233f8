package dev.ordersystem.notifications.inbox;

import dev.ordersystem.events.EventFormatException;
import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.web.TransientFailures;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listener container: MANUAL acknowledgement, {@code notifications.concurrency} consumers, and a
 * {@link DefaultErrorHandler} that retries a failed record in place (the consumer thread waits out the backoff; the
 * wait is bounded by {@code notifications.retry.max-interval}, far below {@code max.poll.interval.ms}, and ends early
 * when the container stops). What happens next depends on the failure:
 *
 * <ul>
 *   <li>transient ({@link TransientFailures}: the database or Kafka cannot be reached, a serialization failure or a
 *       deadlock): retried without limit with capped exponential backoff, never dead-lettered. The record, and with it
 *       its partition, waits for the dependency; nothing behind it overtakes it;
 *   <li>{@link EventFormatException} (unparseable, schema-invalid, newer schema version): dead-lettered at once;
 *   <li>anything else, possibly a bug that fails every time: retried {@code notifications.retry.max-retries} times
 *       with the same backoff, then dead-lettered.
 * </ul>
 *
 * <p>Dead letters go to {@code notifications.dead-letter-topic} through {@link DeadLetterPublishingRecoverer}
 * (original topic, partition, offset and the exception in headers), and the record's order then waits for its dead
 * letter ({@link BlockedOrders}). After a successful dead-letter publish the record's offset is committed, so the
 * partition moves on; if the publish fails, the record is retried instead and nothing is lost.
 *
 * <p>Sleeping in the error handler rather than pausing the container ({@code ContainerPausingBackOffHandler}): a pause
 * applies to the whole container, all consumers and partitions, while a failing record stalls only its own consumer
 * this way; and with waits of at most a minute the consumer never misses {@code max.poll.interval.ms} (a poll happens
 * between two attempts).
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
            KafkaTemplate<?, ?> kafkaTemplate,
            NotificationsProperties properties,
            InboxMetrics metrics,
            DependencyOutage outage,
            BlockedOrders blockedOrders,
            TransactionTemplate transaction) {
        String deadLetterTopic = properties.deadLetterTopic();
        // partition -1: the producer picks it from the key, so the DLT may have fewer partitions than the topic
        var publisher =
                new DeadLetterPublishingRecoverer(
                        kafkaTemplate, (record, e) -> new TopicPartition(deadLetterTopic, -1)) {
                    /** Once the dead letter is in the topic, its order waits for it (in the recoverer's transaction). */
                    @Override
                    protected void verifySendResult(
                            KafkaOperations<Object, Object> template,
                            ProducerRecord<Object, Object> outRecord,
                            @Nullable CompletableFuture<SendResult<Object, Object>> sendResult,
                            ConsumerRecord<?, ?> inRecord) {
                        super.verifySendResult(template, outRecord, sendResult, inRecord); // throws unless it was sent
                        RecordMetadata sent =
                                Objects.requireNonNull(sendResult).join().getRecordMetadata();
                        blockedOrders.deadLettered(
                                inRecord, new DeadLetterPosition(sent.topic(), sent.partition(), sent.offset()));
                    }
                };
        // The transaction starts before the publish: while the database is down nothing is published (the record is
        // retried); if the commit fails after the publish, the record is published again later, a duplicate that the
        // inbox ignores.
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, e) -> {
            Throwable cause = cause(e);
            log.error(
                    "Dead-lettering {}-{}@{} to {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    deadLetterTopic,
                    cause.toString());
            transaction.executeWithoutResult(status -> publisher.accept(record, consumer, e));
            metrics.deadLettered(cause);
        };
        NotificationsProperties.Retry retry = properties.retry();
        var unlimited = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        unlimited.setMaxInterval(retry.maxInterval().toMillis());
        var bounded = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        bounded.setInitialInterval(retry.initialInterval().toMillis());
        bounded.setMultiplier(retry.multiplier());
        bounded.setMaxInterval(retry.maxInterval().toMillis());
        var handler = new DefaultErrorHandler(recoverer, unlimited);
        handler.setBackOffFunction((record, e) -> TransientFailures.isTransient(e) ? unlimited : bounded);
        handler.addNotRetryableExceptions(EventFormatException.class);
        handler.setRetryListeners(outage);
        // every failed attempt is logged by DependencyOutage: transient ones once per outage
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    private static Throwable cause(Exception e) {
        return e instanceof ListenerExecutionFailedException && e.getCause() != null ? e.getCause() : e;
    }
}
