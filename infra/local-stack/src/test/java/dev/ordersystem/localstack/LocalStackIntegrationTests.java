package dev.ordersystem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.localstack.junit.UseLocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@UseLocalStack(database = "orders")
class LocalStackIntegrationTests {

    private final LocalStack stack = LocalStackExtension.stack();

    @Test
    void createsBothDatabases() throws SQLException {
        List<String> databases = new ArrayList<>();
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                databases.add(rows.getString(1));
            }
        }

        assertThat(databases).contains("orders", "notifications");
        try (Connection connection = connect("notifications")) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void runsPostgresWithLogicalWal() throws SQLException {
        try (Connection connection = connect("orders");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW wal_level")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void streamsInsertsThroughAPgoutputReplicationSlot() throws SQLException {
        try (Connection connection = connect("orders");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE slot_probe (id int PRIMARY KEY, note text)");
            statement.execute("CREATE PUBLICATION slot_probe_pub FOR TABLE slot_probe");
            statement.execute("SELECT pg_create_logical_replication_slot('slot_probe_slot', 'pgoutput')");
            try {
                statement.execute("INSERT INTO slot_probe VALUES (1, 'hello')");

                try (ResultSet changes = statement.executeQuery(
                        "SELECT count(*) FROM pg_logical_slot_peek_binary_changes('slot_probe_slot', NULL, NULL,"
                                + " 'proto_version', '1', 'publication_names', 'slot_probe_pub')")) {
                    changes.next();
                    assertThat(changes.getInt(1))
                            .as("pgoutput messages (begin, relation, insert, commit)")
                            .isGreaterThanOrEqualTo(3);
                }
            } finally {
                statement.execute("SELECT pg_drop_replication_slot('slot_probe_slot')");
            }
        }
    }

    @Test
    void deliversARecordToAConsumerGroupAndKeepsItsCommittedOffset() throws Exception {
        String topic = "local-stack-probe";
        String group = "local-stack-probe-group";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class))) {
                producer.send(new ProducerRecord<>(topic, "order-1", "placed")).get();
            }

            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG,
                    group,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class))) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    return !received.isEmpty();
                });
                consumer.commitSync();
            }

            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("order-1");
                assertThat(record.value()).isEqualTo("placed");
            });
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            assertThat(committed).containsOnlyKeys(new TopicPartition(topic, 0));
            assertThat(committed.get(new TopicPartition(topic, 0)).offset()).isEqualTo(1);
        }
    }

    @Test
    void pointsSpringBootAtTheStackThroughSystemProperties() {
        assertThat(System.getProperty("spring.datasource.url")).isEqualTo(stack.jdbcUrl("orders"));
        assertThat(System.getProperty("spring.datasource.username")).isEqualTo("postgres");
        assertThat(System.getProperty("spring.datasource.password")).isEqualTo("postgres");
        assertThat(System.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(stack.bootstrapServers());
        assertThat(System.getProperty("localstack.jdbc-url")).isEqualTo(stack.jdbcUrl("orders"));
        assertThat(System.getProperty("localstack.bootstrap-servers")).isEqualTo(stack.bootstrapServers());
        assertThat(stack.springProperties("notifications"))
                .containsOnlyKeys(Set.of(
                        "spring.datasource.url",
                        "spring.datasource.username",
                        "spring.datasource.password",
                        "spring.kafka.bootstrap-servers"))
                .containsEntry("spring.datasource.url", stack.jdbcUrl("notifications"));
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.username(), stack.password());
    }
}
