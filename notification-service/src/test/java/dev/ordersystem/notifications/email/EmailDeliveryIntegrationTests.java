package dev.ordersystem.notifications.email;

import static dev.ordersystem.notifications.support.TestEvents.email;
import static dev.ordersystem.notifications.support.TestEvents.placed;
import static dev.ordersystem.notifications.support.TestEvents.shipped;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.MessageIds;
import dev.ordersystem.events.Topics;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.TestMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmailDeliveryIntegrationTests extends IntegrationTestSupport {

    @Test
    void emailArrivesWithTheTemplatesSubjectAndBodyAndTheNotificationsMessageId() throws Exception {
        String customer = uniqueCustomer();
        String order = uniqueOrder();
        publish(placed(order, customer));

        await().atMost(WAIT).until(() -> TestMail.receivedBy(email(customer)).size() == 1);
        MimeMessage message = TestMail.receivedBy(email(customer)).get(0);
        UUID notificationId = notificationOf(order);
        assertThat(message.getSubject()).isEqualTo("We received your order " + order.substring(0, 8));
        assertThat(message.getContent().toString())
                .contains(order)
                .contains("2 x MUG-ORDERSYS-01 at 12.50 EUR = 25.00 EUR")
                .contains("Total: 79.00 EUR");
        assertThat(message.getMessageID()).isEqualTo(MessageIds.of(notificationId));
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("notifications@ordersystem.dev");
        await().atMost(WAIT).until(() -> "SENT".equals(delivery(notificationId).get("status")));
        assertThat(delivery(notificationId)).containsEntry("attempts", 1);
    }

    @Test
    void smtpOutageIsRetriedWithBackoffAndHealsWithEachEmailSentExactlyOnce() throws Exception {
        String customer = uniqueCustomer();
        String firstOrder = uniqueOrder();
        String secondOrder = uniqueOrder();
        UUID givingUp;
        TestMail.stop();
        try {
            publish(placed(firstOrder, customer));
            publish(shipped(secondOrder, customer));
            await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == 2);
            givingUp = insertDeliveryOnItsLastAttempt(customer);

            await().atMost(WAIT)
                    .until(() -> (int) delivery(notificationOf(firstOrder)).get("attempts") >= 2
                            && (int) delivery(notificationOf(secondOrder)).get("attempts") >= 2);
            Map<String, Object> failing = delivery(notificationOf(firstOrder));
            assertThat(failing.get("status")).isEqualTo("PENDING");
            assertThat((String) failing.get("last_error")).isNotBlank();
            await().atMost(WAIT).until(() -> "FAILED".equals(delivery(givingUp).get("status")));
            assertThat(get("/actuator/health", "Authorization", OPERATOR).statusCode())
                    .as("mail is DOWN")
                    .isEqualTo(503);
            assertThat(get("/actuator/health/readiness").statusCode())
                    .as("but the instance stays ready")
                    .isEqualTo(200);
        } finally {
            TestMail.restart();
        }

        await().atMost(WAIT)
                .until(() -> "SENT".equals(delivery(notificationOf(firstOrder)).get("status"))
                        && "SENT".equals(delivery(notificationOf(secondOrder)).get("status")));
        await().during(java.time.Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> TestMail.receivedBy(email(customer)).size() == 2);
        assertThat(TestMail.receivedBy(email(customer)).stream().map(m -> {
                    try {
                        return m.getMessageID();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .containsExactlyInAnyOrder(
                        MessageIds.of(notificationOf(firstOrder)), MessageIds.of(notificationOf(secondOrder)));
        assertThat(delivery(givingUp)).containsEntry("status", "FAILED").containsEntry("attempts", 40);
    }

    private UUID notificationOf(String orderId) {
        return jdbc.sql("select id from notifications where order_id = :orderId")
                .param("orderId", orderId)
                .query(UUID.class)
                .single();
    }

    private Map<String, Object> delivery(UUID notificationId) {
        return jdbc.sql("select status, attempts, last_error, next_attempt_at from email_deliveries"
                        + " where notification_id = :id")
                .param("id", notificationId)
                .query()
                .singleRow();
    }

    /** A delivery that has used 39 of its 40 attempts: the next failure is its last. */
    private UUID insertDeliveryOnItsLastAttempt(String customer) {
        EventEnvelope event = placed(uniqueOrder(), customer);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into processed_events (event_id, event_type, topic, kafka_partition, kafka_offset, outcome)"
                        + " values (:eventId, 'OrderPlaced', :topic, 0, -1, 'NOTIFIED')")
                .param("eventId", event.eventId())
                .param("topic", Topics.ORDER_EVENTS)
                .update();
        jdbc.sql("insert into notifications (id, event_id, event_type, customer_id, order_id, recipient, subject, body,"
                        + " occurred_at) values (:id, :eventId, 'OrderPlaced', :customer, :order, :recipient,"
                        + " 'last attempt', 'body', now())")
                .param("id", id)
                .param("eventId", event.eventId())
                .param("customer", customer)
                .param("order", event.aggregateId())
                .param("recipient", email(customer))
                .update();
        jdbc.sql("insert into email_deliveries (notification_id, recipient, status, attempts, next_attempt_at)"
                        + " values (:id, :recipient, 'PENDING', 39, now())")
                .param("id", id)
                .param("recipient", email(customer))
                .update();
        return id;
    }
}
