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
import dev.ordersystem.notifications.support.ScriptedSmtpServer;
import dev.ordersystem.notifications.support.TestMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EmailDeliveryIntegrationTests extends IntegrationTestSupport {

    @Autowired
    EmailSender sender;

    @Autowired
    EmailDeliveryRepository deliveries;

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
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> TestMail.receivedBy(email(customer)).size() == 2);
        assertThat(TestMail.receivedBy(email(customer)).stream().map(EmailDeliveryIntegrationTests::messageIdOf))
                .containsExactlyInAnyOrder(
                        MessageIds.of(notificationOf(firstOrder)), MessageIds.of(notificationOf(secondOrder)));
        assertThat(delivery(givingUp)).containsEntry("status", "FAILED").containsEntry("attempts", 40);
    }

    @Test
    void onlyTheLatestClaimOfADeliveryWhoseLeaseRanOutMayMarkItSent() throws Exception {
        withTheSenderStopped(() -> {
            ClaimedTwice claimed = claimedTwice(uniqueCustomer());

            assertThat(deliveries.markSent(claimed.notificationId(), claimed.first()))
                    .as("first sender, lease over")
                    .isFalse();
            assertThat(delivery(claimed.notificationId())).containsEntry("status", "PENDING");
            assertThat(deliveries.markSent(claimed.notificationId(), claimed.second()))
                    .as("second sender")
                    .isTrue();
            assertThat(delivery(claimed.notificationId()))
                    .containsEntry("status", "SENT")
                    .containsEntry("attempts", 1);
        });
    }

    @Test
    void aLateFailureOfAnEarlierClaimNeverTurnsBackADeliveryAnotherSenderMarkedSent() throws Exception {
        withTheSenderStopped(() -> {
            ClaimedTwice claimed = claimedTwice(uniqueCustomer());
            assertThat(deliveries.markSent(claimed.notificationId(), claimed.second()))
                    .isTrue();

            boolean lateFailure = deliveries.markAttemptFailed(
                    claimed.notificationId(), claimed.first(), "timed out", Duration.ofSeconds(1), false);

            assertThat(lateFailure).isFalse();
            assertThat(delivery(claimed.notificationId()))
                    .containsEntry("status", "SENT")
                    .containsEntry("attempts", 1)
                    .containsEntry("last_error", null);
        });
    }

    @Test
    void eachEmailIsMarkedSentAsSoonAsTheServerAcceptedItSoAFailureMidBatchResendsNothingAccepted() throws Exception {
        String customer = uniqueCustomer();
        List<UUID> batch = new ArrayList<>();
        TestMail.stop();
        try (var smtp = ScriptedSmtpServer.start(TestMail.port()).holdMessage(email(customer), 3)) {
            withTheSenderStopped(() -> {
                for (int i = 0; i < 5; i++) {
                    batch.add(insertDelivery(customer, 0, 5 - i)); // due in this order
                }
            });

            smtp.awaitHeld(WAIT);
            // the sender waits for the server's answer to the third message: were it to crash now, only that one
            // would be sent again
            assertThat(batch.stream().map(id -> delivery(id).get("status")))
                    .as("statuses of the batch while the third message waits for its answer")
                    .containsExactly("SENT", "SENT", "PENDING", "PENDING", "PENDING");
            smtp.rejectHeld();

            await().atMost(WAIT)
                    .until(() -> batch.stream()
                            .allMatch(id -> "SENT".equals(delivery(id).get("status"))));
            assertThat(delivery(batch.get(2))).as("rejected once, then sent").containsEntry("attempts", 2);
            assertThat(smtp.acceptedMessageIds(email(customer)))
                    .containsExactlyInAnyOrderElementsOf(
                            batch.stream().map(MessageIds::of).toList());
        } finally {
            TestMail.restart();
        }
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
        return insertDelivery(customer, 39, 0);
    }

    /** A notification and its PENDING delivery, due since {@code dueSinceMillis}, with the attempts it has used. */
    private UUID insertDelivery(String customer, int attempts, long dueSinceMillis) {
        EventEnvelope event = placed(uniqueOrder(), customer);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into processed_events (event_id, event_type, topic, kafka_partition, kafka_offset, outcome)"
                        + " values (:eventId, 'OrderPlaced', :topic, 0, -1, 'NOTIFIED')")
                .param("eventId", event.eventId())
                .param("topic", Topics.ORDER_EVENTS)
                .update();
        jdbc.sql("insert into notifications (id, event_id, event_type, customer_id, order_id, recipient, subject, body,"
                        + " occurred_at) values (:id, :eventId, 'OrderPlaced', :customer, :order, :recipient,"
                        + " 'inserted by the test', 'body', now())")
                .param("id", id)
                .param("eventId", event.eventId())
                .param("customer", customer)
                .param("order", event.aggregateId())
                .param("recipient", email(customer))
                .update();
        jdbc.sql("insert into email_deliveries (notification_id, recipient, status, attempts, next_attempt_at)"
                        + " values (:id, :recipient, 'PENDING', :attempts,"
                        + " now() - make_interval(secs => :dueSince / 1000.0))")
                .param("id", id)
                .param("recipient", email(customer))
                .param("attempts", attempts)
                .param("dueSince", dueSinceMillis)
                .update();
        return id;
    }

    /** Runs the body while the scheduled sender of the application claims nothing. */
    private void withTheSenderStopped(Runnable body) throws InterruptedException {
        var stopped = new CountDownLatch(1);
        sender.stop(stopped::countDown);
        assertThat(stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        try {
            body.run();
        } finally {
            sender.start();
        }
    }

    /** A PENDING delivery claimed by a first sender whose lease ran out, then by a second sender. */
    private record ClaimedTwice(UUID notificationId, UUID first, UUID second) {}

    private ClaimedTwice claimedTwice(String customer) {
        UUID id = insertDelivery(customer, 0, 0);
        UUID first = UUID.randomUUID();
        claim(id, first, Duration.ofMillis(300));
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select claimed_until < clock_timestamp() from email_deliveries"
                                + " where notification_id = :id")
                        .param("id", id)
                        .query(Boolean.class)
                        .single());
        UUID second = UUID.randomUUID();
        claim(id, second, Duration.ofSeconds(30));
        return new ClaimedTwice(id, first, second);
    }

    /** Claims what is due, keeps the delivery and gives back whatever else was due. */
    private void claim(UUID notificationId, UUID token, Duration lease) {
        List<UUID> claimed = deliveries.claimDue(1000, lease, token).stream()
                .map(DueDelivery::notificationId)
                .toList();
        assertThat(claimed).contains(notificationId);
        deliveries.release(
                claimed.stream().filter(id -> !id.equals(notificationId)).toList(), token);
    }

    private static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
