package dev.ordersystem.notifications.inbox;

import static dev.ordersystem.notifications.support.TestEvents.paid;
import static dev.ordersystem.notifications.support.TestEvents.placed;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static dev.ordersystem.notifications.support.TestKafka.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.events.UnsupportedSchemaVersionException;
import dev.ordersystem.notifications.support.FaultInjection;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.TestEvents;
import dev.ordersystem.notifications.support.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.node.ObjectNode;

class InboxFailureIntegrationTests extends IntegrationTestSupport {

    private static final int PARTITION = 4;

    @Autowired
    MeterRegistry meters;

    @Test
    void poisonRecordAmongHundredOnOnePartitionGivesNinetyNineNotificationsAndOneDeadLetter() {
        String customer = uniqueCustomer();
        RecordMetadata poison = null;
        for (int i = 1; i <= 100; i++) {
            if (i == 50) {
                poison = send(
                        PARTITION,
                        "poison-" + customer,
                        "{\"eventType\": \"OrderPlaced\", oops".getBytes(StandardCharsets.UTF_8));
            } else {
                publish(PARTITION, placed(uniqueOrder(), customer));
            }
        }

        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 99);
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetterOf(poison);
        assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo("poison-" + customer);
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo("dev.ordersystem.events.MalformedEventException");
        assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("notification-service");
        assertThat(deadLettersOf(poison)).as("dead-lettered once").hasSize(1);
        var partition = awaitNoLag().partitions().stream()
                .filter(p -> p.partition() == PARTITION)
                .findFirst()
                .orElseThrow();
        assertThat(partition.committedOffset()).isGreaterThan(poison.offset() + 50);
    }

    @Test
    void unknownEventTypeIsSkippedRecordedAndCountedWithoutStallingThePartition() {
        String customer = uniqueCustomer();
        UUID unknownId = UUID.randomUUID();
        ObjectNode unknown = (ObjectNode) JSON.readTree(TestEvents.JSON.write(placed(uniqueOrder(), customer)));
        unknown.put("eventType", "OrderRefunded").put("eventId", unknownId.toString());
        double skippedBefore = skippedUnknown("OrderRefunded");

        send(PARTITION, "refund", JSON.writeValueAsBytes(unknown), EventHeaders.EVENT_TYPE, "OrderRefunded");
        send(PARTITION, "refund", JSON.writeValueAsBytes(unknown), EventHeaders.EVENT_TYPE, "OrderRefunded");
        EventEnvelope after = paid(uniqueOrder(), customer);
        publish(PARTITION, after);

        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 1);
        assertThat(jdbc.sql("select outcome from processed_events where event_id = :id")
                        .param("id", unknownId)
                        .query(String.class)
                        .single())
                .isEqualTo("SKIPPED_UNKNOWN_TYPE");
        assertThat(skippedUnknown("OrderRefunded") - skippedBefore)
                .as("counted once, the duplicate is quiet")
                .isEqualTo(1.0);
        assertThat(TestKafka.readAll(TestKafka.DLT).stream()
                        .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(unknownId.toString())))
                .isEmpty();
    }

    @Test
    void newerSchemaVersionIsDeadLetteredAtOnceAndTheNextEventIsProcessed() {
        String customer = uniqueCustomer();
        ObjectNode newer = (ObjectNode) JSON.readTree(TestEvents.JSON.write(paid(uniqueOrder(), customer)));
        newer.put("schemaVersion", 2);

        RecordMetadata sent = send(PARTITION, "v2", JSON.writeValueAsBytes(newer));
        publish(PARTITION, placed(uniqueOrder(), customer));

        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 1);
        assertThat(header(deadLetterOf(sent), KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(UnsupportedSchemaVersionException.class.getName());
    }

    @Test
    void eventViolatingItsSchemaIsDeadLetteredWithoutRetries() {
        String customer = uniqueCustomer();
        ObjectNode invalid = (ObjectNode) JSON.readTree(TestEvents.JSON.write(placed(uniqueOrder(), customer)));
        ((ObjectNode) invalid.get("payload")).put("customerEmail", "not-an-email-address");

        RecordMetadata sent = send(PARTITION, "invalid", JSON.writeValueAsBytes(invalid));
        publish(PARTITION, placed(uniqueOrder(), customer));

        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 1);
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetterOf(sent);
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(EventSchemaViolationException.class.getName());
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("customerEmail");
    }

    @Test
    void transientDatabaseFailureIsRetriedWithBackoffAndThenSucceeds() {
        String customer = uniqueCustomer();
        EventEnvelope event = placed(uniqueOrder(), customer);

        try (var fault = FaultInjection.failNotificationInserts(jdbc, customer, 2)) {
            publish(event);

            await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 1);
            assertThat(fault.attempts()).as("2 failures, then success").isEqualTo(3);
        }
        assertThat(jdbc.sql("select count(*) from processed_events where event_id = :id")
                        .param("id", event.eventId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(TestKafka.readAll(TestKafka.DLT).stream()
                        .filter(r -> new String(r.value(), StandardCharsets.UTF_8)
                                .contains(event.eventId().toString())))
                .isEmpty();
    }

    @Test
    void headerThatDisagreesWithTheValueIsIgnored() {
        String customer = uniqueCustomer();
        EventEnvelope event = placed(uniqueOrder(), customer);

        String[] disagreeing = {
            EventHeaders.EVENT_ID, UUID.randomUUID().toString(), EventHeaders.EVENT_TYPE, "OrderPaid"
        };
        send(null, event.aggregateId(), TestEvents.JSON.writeBytes(event), disagreeing);

        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 1);
        assertThat(jdbc.sql("select event_type from notifications where event_id = :id")
                        .param("id", event.eventId())
                        .query(String.class)
                        .single())
                .isEqualTo("OrderPlaced");
    }

    private double skippedUnknown(String eventType) {
        var counter = meters.find("notifications.events.skipped")
                .tags("reason", "unknown-event-type", "eventType", eventType)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private ConsumerRecord<byte[], byte[]> deadLetterOf(RecordMetadata original) {
        await().atMost(WAIT).until(() -> !deadLettersOf(original).isEmpty());
        return deadLettersOf(original).get(0);
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLettersOf(RecordMetadata original) {
        return TestKafka.readAll(TestKafka.DLT).stream()
                .filter(r -> TestKafka.TOPIC.equals(header(r, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                        && ByteBuffer.wrap(r.headers()
                                                .lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
                                                .value())
                                        .getInt()
                                == original.partition()
                        && ByteBuffer.wrap(r.headers()
                                                .lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
                                                .value())
                                        .getLong()
                                == original.offset())
                .toList();
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
