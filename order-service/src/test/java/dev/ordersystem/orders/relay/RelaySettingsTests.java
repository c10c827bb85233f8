package dev.ordersystem.orders.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersystem.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The relay's settings: defaults, validation, backoff, and the Debezium configuration derived from them. */
class RelaySettingsTests {

    private static final RelayProperties RELAY = properties("i1", Map.of());
    private static final RelayDatabase DATABASE =
            RelayDatabase.of("jdbc:postgresql://db.example:6543/orders?sslmode=disable", "app", "secret");

    @Test
    void readsHostPortAndDatabaseFromTheJdbcUrl() {
        assertThat(DATABASE.host()).isEqualTo("db.example");
        assertThat(DATABASE.port()).isEqualTo(6543);
        assertThat(DATABASE.database()).isEqualTo("orders");
        assertThat(DATABASE.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> RelayDatabase.of("jdbc:postgresql://a:1,b:2/orders", "u", "p"))
                .hasMessageContaining("several hosts");
    }

    @Test
    void backoffGrowsExponentiallyUpToItsCap() {
        var backoff = new RelayProperties.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0);

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(100)).isEqualTo(Duration.ofSeconds(30));
    }

    /** The relay's settings bound as the application binds them, with {@code application.yaml}. */
    private final ApplicationContextRunner binding = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(BindRelayProperties.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RelayProperties.class)
    static class BindRelayProperties {}

    @Test
    void reachesKafkaThroughSpringKafkaBootstrapServersUnlessTheRelaySetsItsOwn() {
        binding.withPropertyValues("spring.kafka.bootstrap-servers=broker-1:9093")
                .run(context -> assertThat(
                                context.getBean(RelayProperties.class).bootstrapServers())
                        .isEqualTo("broker-1:9093"));
        binding.withPropertyValues(
                        "spring.kafka.bootstrap-servers=broker-1:9093",
                        "orders.relay.bootstrap-servers=relay-kafka:9094")
                .run(context -> assertThat(
                                context.getBean(RelayProperties.class).bootstrapServers())
                        .isEqualTo("relay-kafka:9094"));
    }

    @Test
    void createsTheEventsTopicWithTheConfiguredTopicConfigs() {
        binding.withPropertyValues("orders.relay.topic-config.segment.bytes=65536")
                .run(context -> assertThat(new RelayTopics(context.getBean(RelayProperties.class))
                                .wanted()
                                .get(0)
                                .configs())
                        .containsEntry("segment.bytes", "65536")
                        .containsEntry("min.insync.replicas", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            orders.relay.max-queue-size=2048          | orders.relay.max-queue-size must be larger than orders.relay.max-batch-size
            orders.relay.restart-backoff.max=500ms    | orders.relay.restart-backoff.max must not be below orders.relay.restart-backoff.initial
            orders.relay.restart-backoff.initial=0s   | must be positive
            orders.relay.poll-interval=0s             | must be positive
            orders.relay.offset-flush-interval=0s     | must be positive
            orders.relay.heartbeat-interval=-1s       | must be positive
            orders.relay.leader-poll-interval=0s      | must be positive
            orders.relay.leader-check-interval=0s     | must be positive
            orders.relay.lease-ttl=0s                 | must be positive
            orders.relay.lease-ttl=PT2S               | orders.relay.leader-check-interval must be shorter than half of orders.relay.lease-ttl
            orders.relay.delivery-timeout=0s          | must be positive
            orders.relay.outbox-retention=0s          | must be positive
            orders.relay.retention-interval=0s        | must be positive
            orders.relay.bootstrap-servers=           | must not be blank
            """)
    void refusesToStartWithASettingThatCannotWorkAndNamesIt(String setting, String reason) {
        String property = setting.substring(0, setting.indexOf('='));
        binding.withPropertyValues(setting)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(property)
                        .hasMessageContaining(reason));
    }

    @Test
    void acceptsItsOwnDefaults() {
        // without application.yaml: the test JVM's local stack sets spring.kafka.bootstrap-servers as a system property
        new ApplicationContextRunner()
                .withUserConfiguration(BindRelayProperties.class)
                .run(context -> assertThat(context.getBean(RelayProperties.class))
                        .satisfies(relay -> {
                            assertThat(relay.bootstrapServers()).isEqualTo("localhost:9092");
                            assertThat(relay.topic()).isEqualTo(Topics.ORDER_EVENTS);
                            assertThat(relay.restartBackoff().delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
                            assertThat(relay.leaseTtl()).isEqualTo(Duration.ofSeconds(10));
                            assertThat(relay.fencingTime()).isEqualTo(Duration.ofSeconds(5));
                            assertThat(relay.leaderCheckInterval()).isEqualTo(Duration.ofSeconds(1));
                            assertThat(relay.leaderPollInterval()).isEqualTo(Duration.ofSeconds(2));
                        }));
    }

    @Test
    void everyKafkaClientReachesTheConfiguredBrokersWithTheExtraProperties() {
        var kafka = new RelayKafkaClients(properties("i1", Map.of("security.protocol", "SSL")));

        assertThat(kafka.producerSettings())
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("client.id", "order-relay-i1");
        assertThat(kafka.adminSettings())
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("client.id", "order-relay-admin-i1");
        assertThat(kafka.offsetStoreSettings())
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("request.timeout.ms", "5000");
    }

    @Test
    void defaultsTheInstanceIdToHostAndPid() {
        assertThat(properties(null, Map.of()).instanceId())
                .endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void configuresDebeziumForTheOutboxWithDurableSharedOffsetsAndHeartbeats() {
        Properties engine = EngineSettings.of(RELAY, DATABASE, new RelayKafkaClients(RELAY));

        assertThat(engine)
                .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("plugin.name", "pgoutput")
                .containsEntry("slot.name", "order_outbox_relay")
                .containsEntry("publication.name", "order_outbox_publication")
                .containsEntry("publication.autocreate.mode", "filtered")
                .containsEntry("table.include.list", "public.outbox")
                .containsEntry("skipped.operations", "u,d,t")
                .containsEntry("snapshot.mode", "initial")
                .containsEntry("snapshot.select.statement.overrides", "public.outbox")
                .containsEntry("column.exclude.list", "public.outbox.tx,public.outbox.seq")
                .containsEntry("offset.mismatch.strategy", "trust_greater_lsn")
                .containsEntry("database.tcpKeepAlive", "true")
                .containsEntry(
                        "driver.options",
                        "-c tcp_user_timeout=10000 -c tcp_keepalives_idle=5 -c tcp_keepalives_interval=1"
                                + " -c tcp_keepalives_count=3")
                .containsEntry("offset.storage", RelayOffsetStore.class.getName())
                .containsEntry("offset.storage.topic", Topics.RELAY_OFFSETS)
                .containsEntry("offset.flush.interval.ms", "1000")
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("heartbeat.interval.ms", "10000")
                .containsEntry("message.prefix.include.list", EngineSettings.HEARTBEAT_MESSAGE_PREFIX)
                .containsEntry("errors.max.retries", "0")
                .containsEntry("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter")
                .containsEntry("transforms.outbox.route.topic.replacement", Topics.ORDER_EVENTS)
                .containsEntry("transforms.outbox.table.field.event.key", "aggregate_id")
                .containsEntry(
                        "transforms.outbox.table.fields.additional.placement",
                        "type:header:eventType,trace_parent:header:traceparent")
                .containsEntry("database.hostname", "db.example")
                .containsEntry("database.port", "6543")
                .containsEntry("database.dbname", "orders");
        assertThat(engine.getProperty("heartbeat.action.query"))
                .isEqualTo("SELECT pg_logical_emit_message(false, 'order-relay-heartbeat', now()::text)");
        // a re-snapshot reads every column the EventRouter needs, in commit order per order
        assertThat(engine.getProperty("snapshot.select.statement.overrides.public.outbox"))
                .startsWith("SELECT id, aggregate_type, aggregate_id, type, payload, trace_parent, created_at FROM")
                .endsWith("ORDER BY seq");
    }

    @Test
    void producesWithAcksAllIdempotentlyWithinTheDeliveryTimeout() {
        Map<String, Object> producer = new RelayKafkaClients(RELAY).producerSettings();

        assertThat(producer)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("max.in.flight.requests.per.connection", 5)
                .containsEntry("delivery.timeout.ms", 120_000)
                .containsEntry("bootstrap.servers", "kafka:9092");
        assertThat((int) producer.get("request.timeout.ms") + (int) producer.get("linger.ms"))
                .isLessThanOrEqualTo(120_000);
    }

    @Test
    void namesTheLeaseSessionAfterTheInstanceWithinPostgresLimit() {
        assertThat(LeaderLease.applicationName("i1")).isEqualTo("order-relay:i1");
        assertThat(LeaderLease.applicationName("x".repeat(100))).hasSize(63).startsWith("order-relay:");
    }

    @Test
    void setsServerSideTcpTimeoutsOfTheRelaysSessionsFromTheLeaseTtl() {
        assertThat(RelayDatabase.sessionOptions(Duration.ofSeconds(30)))
                .isEqualTo("-c tcp_user_timeout=30000 -c tcp_keepalives_idle=15 -c tcp_keepalives_interval=3"
                        + " -c tcp_keepalives_count=3");
        assertThat(RelayDatabase.sessionOptions(Duration.ofMillis(500)))
                .isEqualTo("-c tcp_user_timeout=500 -c tcp_keepalives_idle=1 -c tcp_keepalives_interval=1"
                        + " -c tcp_keepalives_count=3");
    }

    @Test
    void formatsLsnsLikePostgres() {
        assertThat(Lsns.format(0x16B3748L)).isEqualTo("0/16B3748");
        assertThat(Lsns.format((3L << 32) | 0xAL)).isEqualTo("3/A");
    }

    private static RelayProperties properties(@Nullable String instanceId, Map<String, String> kafka) {
        return new RelayProperties(
                true,
                "kafka:9092",
                Topics.ORDER_EVENTS,
                6,
                (short) 1,
                1,
                "order_outbox_relay",
                "order_outbox_publication",
                Topics.RELAY_OFFSETS,
                Duration.ofMillis(20),
                2048,
                8192,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                new RelayProperties.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0),
                Duration.ofMinutes(2),
                Duration.ofMillis(1),
                Duration.ofHours(1),
                1000,
                Duration.ofMinutes(1),
                instanceId,
                kafka,
                Map.of());
    }
}
