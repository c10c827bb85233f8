package dev.ordersystem.notifications.kafka;

import dev.ordersystem.notifications.NotificationsProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.TaskScheduler;

/**
 * The client settings the delivery guarantees depend on are fixed here rather than left to {@code spring.kafka.*}:
 * no auto-commit (offsets are committed after the database transaction), {@code read_committed}, cooperative-sticky
 * assignment, the consumer group, keys as strings and values as raw bytes (the service parses them itself, so that an
 * unparseable value is a dead letter rather than a deserialisation loop); and an idempotent producer with
 * {@code acks=all} for the dead-letter topic and re-drives. Everything else ({@code spring.kafka.bootstrap-servers},
 * security, timeouts) stays configurable the Spring Boot way.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    DefaultKafkaConsumerFactoryCustomizer notificationConsumerSettings(NotificationsProperties properties) {
        return factory -> {
            Map<String, Object> settings = new HashMap<>();
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
            settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
            settings.put(
                    ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            factory.updateConfigs(settings);
        };
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer notificationProducerSettings() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /** One long-lived admin client for lag, health and the dead-letter topic. */
    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin, NotificationsProperties properties) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        int timeoutMs = (int) properties.kafkaTimeout().toMillis();
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, properties.groupId() + "-admin");
        return Admin.create(config);
    }

    @Bean
    TopicsInitializer topicsInitializer(Admin admin, TaskScheduler scheduler, NotificationsProperties properties) {
        return new TopicsInitializer(admin, scheduler, properties);
    }
}
