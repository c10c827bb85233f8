package dev.ordersystem.notifications.inbox;

import static dev.ordersystem.notifications.support.TestEvents.cancelled;
import static dev.ordersystem.notifications.support.TestEvents.paid;
import static dev.ordersystem.notifications.support.TestEvents.placed;
import static dev.ordersystem.notifications.support.TestEvents.shipped;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.TestKafka;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InboxIdempotencyIntegrationTests extends IntegrationTestSupport {

    @Test
    void sameEventDeliveredThreeTimesAtDifferentOffsetsGivesOneNotification() {
        String customer = uniqueCustomer();
        EventEnvelope event = placed(uniqueOrder(), customer);

        RecordMetadata first = publish(event);
        RecordMetadata second = publish(event);
        RecordMetadata onAnotherPartition = publish((first.partition() + 1) % TestKafka.PARTITIONS, event);
        // something after the duplicates on each partition, to know they have all been handled
        EventEnvelope later = paid(event.aggregateId(), customer);
        publish(later);
        publish(onAnotherPartition.partition(), paid(uniqueOrder(), customer));

        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 3);
        assertThat(second.offset()).isGreaterThan(first.offset());
        assertThat(jdbc.sql("select count(*) from notifications where event_id = :id")
                        .param("id", event.eventId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select kafka_partition || '@' || kafka_offset from processed_events where event_id = :id")
                        .param("id", event.eventId())
                        .query(String.class)
                        .single())
                .as("recorded where it was seen first")
                .isIn(
                        first.partition() + "@" + first.offset(),
                        onAnotherPartition.partition() + "@" + onAnotherPartition.offset());
        assertThat(jdbc.sql("select count(*) from email_deliveries d join notifications n on n.id = d.notification_id"
                                + " where n.event_id = :id")
                        .param("id", event.eventId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void notificationsOfOneOrderAreCreatedInTheOrderOfItsEvents() {
        String customer = uniqueCustomer();
        List<String> orders = List.of(uniqueOrder(), uniqueOrder(), uniqueOrder(), uniqueOrder(), uniqueOrder());
        // interleaved, as several orders progress at the same time
        for (String order : orders) {
            publish(placed(order, customer));
        }
        for (String order : orders) {
            publish(paid(order, customer));
        }
        for (String order : orders) {
            publish(
                    order.equals(orders.get(2))
                            ? cancelled(order, customer, "changed my mind")
                            : shipped(order, customer));
        }

        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 15);
        for (String order : orders) {
            assertThat(notificationTypesOfOrder(order))
                    .as(order)
                    .containsExactly(
                            "OrderPlaced",
                            "OrderPaid",
                            order.equals(orders.get(2)) ? "OrderCancelled" : "OrderShipped");
        }
    }

    @Test
    void replayingTheWholeTopicFromTheEarliestOffsetCreatesNoNewNotification() throws Exception {
        String customer = uniqueCustomer();
        String order = uniqueOrder();
        publish(placed(order, customer));
        publish(paid(order, customer));
        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 2);
        awaitNoLag();
        long notifications = count("notifications");
        long processed = count("processed_events");
        long deliveries = count("email_deliveries");

        stopListener();
        long replayed;
        try (var admin = TestKafka.admin()) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (int partition = 0; partition < TestKafka.PARTITIONS; partition++) {
                earliest.put(new TopicPartition(TestKafka.TOPIC, partition), OffsetSpec.earliest());
            }
            Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
            admin.listOffsets(earliest)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> reset.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets("notification-service", reset).all().get(10, TimeUnit.SECONDS);
            replayed = lagMonitor.measure().totalLag();
        } finally {
            startListener();
        }

        awaitNoLag();
        assertThat(replayed).as("records replayed").isGreaterThan(0);
        assertThat(count("notifications")).isEqualTo(notifications);
        assertThat(count("processed_events")).isEqualTo(processed);
        assertThat(count("email_deliveries")).isEqualTo(deliveries);
        assertThat(notificationTypesOfOrder(order)).containsExactly("OrderPlaced", "OrderPaid");
    }

    @Test
    void duplicateIsAcknowledgedSoThePartitionHasNoLagLeft() {
        String customer = uniqueCustomer();
        EventEnvelope event = shipped(uniqueOrder(), customer);
        List<RecordMetadata> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(publish(event));
        }

        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 1);
        var report = awaitNoLag();
        var partition = report.partitions().stream()
                .filter(p -> p.partition() == sent.get(2).partition())
                .findFirst()
                .orElseThrow();
        assertThat(partition.committedOffset()).isGreaterThan(sent.get(2).offset());
    }
}
