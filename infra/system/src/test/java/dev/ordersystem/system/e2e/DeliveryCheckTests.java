package dev.ordersystem.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.OrderCancelled;
import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.events.OrderLine;
import dev.ordersystem.events.OrderPlaced;
import dev.ordersystem.system.e2e.Databases.NotificationRow;
import dev.ordersystem.system.e2e.Databases.OutboxEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/** The suite's verdict itself: what it counts as lost, duplicated, redelivered and out of order. */
class DeliveryCheckTests {

    private static final OrderEventJson JSON = new OrderEventJson();
    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

    private final String orderId = UUID.randomUUID().toString();
    private final String customer = "e2e-check-c0";
    private final PlacedOrder order = new PlacedOrder(orderId, customer, OrderFlow.CANCEL);
    private final EventEnvelope placed = EventEnvelope.of(
            new OrderPlaced(
                    orderId,
                    customer,
                    customer + "@example.com",
                    List.of(new OrderLine("SKU-1", 1, new BigDecimal("12.50"), new BigDecimal("12.50"))),
                    new BigDecimal("12.50"),
                    "EUR",
                    AT),
            AT,
            null);
    private final EventEnvelope cancelled = EventEnvelope.of(
            new OrderCancelled(orderId, customer, customer + "@example.com", null, new BigDecimal("12.50"), "EUR", AT),
            AT.plusSeconds(1),
            null);

    private final List<TopicLog.Entry> topic = new ArrayList<>();
    private final List<NotificationRow> notifications = new ArrayList<>();
    private final Set<UUID> processed = new HashSet<>();

    @Test
    void everythingDeliveredOnceIsAPass() {
        deliver(placed);
        deliver(cancelled);

        DeliveryCheck check = check();

        assertThat(check.passed()).as(check.toString()).isTrue();
        assertThat(check.events()).isEqualTo(2);
        assertThat(check.notifications()).isEqualTo(2);
    }

    @Test
    void aRedeliveredRecordWithTheSamePayloadIsCountedButAllowed() {
        deliver(placed);
        onTopic(placed);
        deliver(cancelled);

        assertCountsOne(DeliveryCheck::redelivered, true);
    }

    @Test
    void anEventWithoutANotificationIsLost() {
        deliver(placed);
        onTopic(cancelled);
        processed.add(cancelled.eventId());

        DeliveryCheck check = assertCountsOne(DeliveryCheck::lost, false);

        assertThat(check.problems()).anyMatch(p -> p.contains(cancelled.eventId() + " (OrderCancelled"));
    }

    @Test
    void anEventMissingFromTheTopicIsLost() {
        deliver(placed);
        notified(cancelled);
        processed.add(cancelled.eventId());

        assertThat(check().lost()).isEqualTo(1);
    }

    @Test
    void anEventIdOnTheTopicWithAnotherPayloadIsDuplicated() {
        deliver(placed);
        deliver(cancelled);
        EventEnvelope other = new EventEnvelope(
                cancelled.eventId(),
                cancelled.eventType(),
                cancelled.schemaVersion(),
                cancelled.occurredAt().plusSeconds(5),
                cancelled.aggregateId(),
                null,
                cancelled.payload());
        onTopic(other);

        assertCountsOne(DeliveryCheck::duplicated, false);
    }

    @Test
    void notificationsCreatedOutOfOrderAreReported() {
        onTopic(placed);
        onTopic(cancelled);
        notified(cancelled);
        notified(placed);
        processed.add(placed.eventId());
        processed.add(cancelled.eventId());

        assertCountsOne(DeliveryCheck::outOfOrder, false);
    }

    @Test
    void aRecordWhoseIdHeaderDisagreesWithItsValueIsMismatched() {
        deliver(placed);
        deliver(cancelled);
        TopicLog.Entry last = topic.remove(topic.size() - 1);
        topic.add(new TopicLog.Entry(
                last.partition(),
                last.offset(),
                last.key(),
                UUID.randomUUID().toString(),
                last.traceParent(),
                last.value(),
                last.envelope()));

        assertCountsOne(DeliveryCheck::mismatched, false);
    }

    @Test
    void anOrderTheApiAcknowledgedButTheDatabaseLacksIsLost() {
        DeliveryCheck check = DeliveryCheck.of(List.of(order), Map.of(), List.of(), topic, notifications, processed);

        assertThat(check.lost()).isEqualTo(3); // the order and its two events
    }

    /** Checks: {@code count} finds one and the check passes or not; returns the check. */
    private DeliveryCheck assertCountsOne(ToIntFunction<DeliveryCheck> count, boolean passes) {
        DeliveryCheck check = check();
        assertThat(count.applyAsInt(check)).as(check.toString()).isEqualTo(1);
        assertThat(check.passed()).isEqualTo(passes);
        return check;
    }

    private DeliveryCheck check() {
        List<OutboxEvent> outbox = List.of(outbox(placed), outbox(cancelled));
        return DeliveryCheck.of(List.of(order), Map.of(orderId, "CANCELLED"), outbox, topic, notifications, processed);
    }

    private void deliver(EventEnvelope event) {
        onTopic(event);
        notified(event);
        processed.add(event.eventId());
    }

    private void onTopic(EventEnvelope event) {
        byte[] value = JSON.writeBytes(event);
        topic.add(new TopicLog.Entry(
                0,
                topic.size(),
                event.aggregateId(),
                event.eventId().toString(),
                event.traceParent(),
                value,
                JSON.read(value)));
    }

    private void notified(EventEnvelope event) {
        notifications.add(new NotificationRow(
                UUID.randomUUID(),
                notifications.size() + 1,
                event.eventId(),
                event.eventType(),
                customer,
                orderId,
                customer + "@example.com",
                event.occurredAt(),
                event.occurredAt().plusMillis(100)));
    }

    private static OutboxEvent outbox(EventEnvelope event) {
        return new OutboxEvent(event.eventId(), event.aggregateId(), event.eventType(), JSON.write(event));
    }
}
