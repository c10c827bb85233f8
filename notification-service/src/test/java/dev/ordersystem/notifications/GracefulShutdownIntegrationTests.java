package dev.ordersystem.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.MessageIds;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.Ports;
import dev.ordersystem.localstack.ServiceProcess;
import dev.ordersystem.localstack.ServiceProcess.Program;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.localstack.junit.UseLocalStack;
import dev.ordersystem.notifications.support.ScriptedSmtpServer;
import dev.ordersystem.notifications.support.TestEvents;
import dev.ordersystem.notifications.support.TestKafka;
import dev.ordersystem.notifications.support.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * SIGTERM to the service as a process, in the middle of a backlog of events and emails: it exits within 10 s, having
 * committed what it finished, and after a restart every event is notified once and every email sent, at most the one
 * in flight twice. Runs against a topic, group and database of its own.
 */
@UseLocalStack
class GracefulShutdownIntegrationTests {

    private static final int EVENTS = 800;
    private static final String TOPIC = "shutdown-test.events";
    private static final String GROUP = "shutdown-test";
    private static final String DATABASE = "notifications_shutdown";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void exitsWithinTenSecondsOfSigtermUnderABacklogCommittingWhatItFinishedAndLosingNothing() throws Exception {
        LocalStack stack = LocalStackExtension.stack();
        JdbcClient database = database(stack);
        TestKafka.createTopic(TOPIC);
        for (int i = 0; i < EVENTS; i++) {
            TestKafka.publishTo(TOPIC, null, TestEvents.placed(TestEvents.uniqueOrder(), "c-shutdown-" + (i % 50)));
        }
        try (var smtp = ScriptedSmtpServer.start(0).delayEachMessage(Duration.ofMillis(10))) {
            Map<String, String> settings = settings(stack, smtp.port());
            Duration exit;
            try (var service = start("shutdown-1", settings)) {
                service.awaitHealthy(WAIT);
                await().atMost(WAIT).until(() -> smtp.acceptedMessageIds().size() >= 30);

                exit = service.stop();
            }
            long processed = count(database, "processed_events");
            long committed = committedOffsets();
            long sent = count(database, "email_deliveries where status = 'SENT'");
            System.out.printf(
                    "shutdown-under-load: events=%d exit=%.1fs processed=%d committed=%d emails-sent=%d%n",
                    EVENTS, exit.toMillis() / 1000.0, processed, committed, sent);
            assertThat(exit).as("exit after SIGTERM").isLessThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(sent).as("an email backlog was left").isLessThan(EVENTS);
            assertThat(committed)
                    .as("committed offsets: every record it finished")
                    .isEqualTo(processed);

            try (var service = start("shutdown-2", settings)) {
                await().atMost(WAIT)
                        .ignoreExceptions()
                        .until(() -> count(database, "email_deliveries where status = 'SENT'") == EVENTS);
            }
            List<String> accepted = smtp.acceptedMessageIds();
            long duplicates = accepted.size() - new HashSet<>(accepted).size();
            System.out.printf("shutdown-under-load: lost=0 duplicate-emails=%d%n", duplicates);
            assertThat(count(database, "notifications")).isEqualTo(EVENTS);
            assertThat(new HashSet<>(accepted))
                    .containsExactlyInAnyOrderElementsOf(
                            database.sql("select id from notifications").query(UUID.class).list().stream()
                                    .map(MessageIds::of)
                                    .toList());
            assertThat(duplicates)
                    .as("duplicate emails: at most the one in flight")
                    .isLessThanOrEqualTo(1);
        }
    }

    /** The service from this JVM's class path as a process of its own, so that SIGTERM is a real signal. */
    private static ServiceProcess start(String name, Map<String, String> settings) {
        List<String> arguments = settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toList();
        return ServiceProcess.start(
                name,
                Program.mainClass("dev.ordersystem.notifications.NotificationServiceApplication"),
                Ports.freePort(),
                arguments,
                ServiceProcess.TEST_JVM_OPTIONS,
                Path.of("target", "notification-service-processes"));
    }

    private static Map<String, String> settings(LocalStack stack, int smtpPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", "test");
        settings.put(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                Tokens.server().issuer().toString());
        settings.put("spring.datasource.url", stack.jdbcUrl(DATABASE));
        settings.put("spring.datasource.username", stack.username());
        settings.put("spring.datasource.password", stack.password());
        settings.put("spring.kafka.bootstrap-servers", stack.bootstrapServers());
        settings.put("spring.mail.host", "127.0.0.1");
        settings.put("spring.mail.port", Integer.toString(smtpPort));
        settings.put("notifications.topic", TOPIC);
        settings.put("notifications.dead-letter-topic", TOPIC + ".DLT");
        settings.put("notifications.group-id", GROUP);
        settings.put("notifications.email.poll-interval", "PT0.2S");
        return settings;
    }

    /** A database of its own, so that the service's outbox of emails holds only this test's. */
    private static JdbcClient database(LocalStack stack) {
        JdbcClient postgres = JdbcClient.create(
                new DriverManagerDataSource(stack.jdbcUrl("postgres"), stack.username(), stack.password()));
        if (postgres.sql("select count(*) from pg_database where datname = :name")
                        .param("name", DATABASE)
                        .query(Long.class)
                        .single()
                == 0) {
            postgres.sql("create database " + DATABASE).update();
        }
        return JdbcClient.create(
                new DriverManagerDataSource(stack.jdbcUrl(DATABASE), stack.username(), stack.password()));
    }

    private static long count(JdbcClient database, String from) {
        return database.sql("select count(*) from " + from).query(Long.class).single();
    }

    private static long committedOffsets() throws Exception {
        try (Admin admin = TestKafka.admin()) {
            return admin
                    .listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .mapToLong(OffsetAndMetadata::offset)
                    .sum();
        }
    }
}
