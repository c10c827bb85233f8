package dev.ordersystem.orders.relay;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Every Kafka client of the relay is configured here: the producer that publishes the events, the admin client that
 * creates the topics, the consumer that reads the stored offsets before an engine start, and the offset store's clients (which Debezium builds from the engine's properties). All of them
 * reach {@code orders.relay.bootstrap-servers} with the extra {@code orders.relay.kafka.*} properties (e.g. security);
 * each has its own client id and the timeouts its job needs.
 */
final class RelayKafkaClients {

    private final RelayProperties relay;

    RelayKafkaClients(RelayProperties relay) {
        this.relay = relay;
    }

    /** The producer: every event acknowledged by all in-sync replicas, idempotent, in order per partition. */
    Producer<byte[], byte[]> producer() {
        return new KafkaProducer<>(producerSettings(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The admin client that creates the relay's topics. */
    Admin admin() {
        return Admin.create(adminSettings());
    }

    /** Reads the offsets topic from the start (no group, nothing committed, never creates the topic). */
    Consumer<byte[], byte[]> offsetsReader() {
        Map<String, Object> config = client("order-relay-offsets-reader-" + relay.instanceId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Map<String, Object> producerSettings() {
        Map<String, Object> config = client("order-relay-" + relay.instanceId());
        long delivery = relay.deliveryTimeout().toMillis();
        long linger = relay.lingerTime().toMillis();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
        config.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, Math.min(30_000, delivery - linger - 1)));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        return config;
    }

    Map<String, Object> adminSettings() {
        Map<String, Object> config = client("order-relay-admin-" + relay.instanceId());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    /**
     * The offset store's clients, as engine properties (Connect names their client ids itself). They fail over to a
     * new partition leader in seconds, not after the 60 s defaults: killing the broker that leads the offsets topic
     * would otherwise stall the relay for a minute.
     */
    Map<String, String> offsetStoreSettings() {
        Map<String, String> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, relay.bootstrapServers());
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.putAll(relay.kafka());
        return config;
    }

    private Map<String, Object> client(String clientId) {
        Map<String, Object> config = new HashMap<>(relay.kafka());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, relay.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
