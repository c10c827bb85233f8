package dev.ordersystem.system.e2e;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.OrderEventJson;
import dev.ordersystem.system.e2e.Databases.NotificationRow;
import dev.ordersystem.system.e2e.Databases.OutboxEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Compares what the API acknowledged with what is in the {@code orders} database, on the topic and in the
 * {@code notifications} database, for the orders of one scenario.
 *
 * <ul>
 *   <li><b>lost</b>: an acknowledged order missing or not in its final state; an event its flow implies missing from
 *       the outbox; an outbox event missing from the topic, from {@code processed_events} or without a notification.
 *   <li><b>duplicated</b>: an order stored that the API never acknowledged; an extra outbox event; an event id on the
 *       topic with a payload other than the outbox row's; a second notification for one event; a record or
 *       notification for an event id the outbox does not have.
 *   <li><b>redelivered</b>: extra records on the topic that carry an event id already there with the same payload
 *       (at-least-once delivery allows them; the inbox must absorb them).
 *   <li><b>outOfOrder</b>: an order whose events are not on one partition in flow order, or whose notifications
 *       were not created in flow order.
 *   <li><b>mismatched</b>: a record whose key or {@code id} header disagrees with its value, or a notification whose
 *       customer, order, type or recipient is not the event's.
 * </ul>
 */
record DeliveryCheck(
        int orders,
        int events,
        int notifications,
        int lost,
        int duplicated,
        int redelivered,
        int outOfOrder,
        int mismatched,
        List<String> problems) {

    private static final int MAX_PROBLEMS = 20;
    private static final OrderEventJson EVENTS = new OrderEventJson();

    static DeliveryCheck of(
            Collection<PlacedOrder> placed,
            Map<String, String> storedOrders,
            List<OutboxEvent> outbox,
            List<TopicLog.Entry> topic,
            List<NotificationRow> notificationRows,
            Set<UUID> processed) {
        Problems problems = new Problems();
        Map<String, PlacedOrder> byId = new HashMap<>();
        placed.forEach(order -> byId.put(order.orderId(), order));

        // orders
        int lostOrders = 0;
        int duplicated = 0;
        for (PlacedOrder order : placed) {
            String status = storedOrders.get(order.orderId());
            if (status == null) {
                lostOrders++;
                problems.add("order %s was acknowledged but is not stored", order.orderId());
            } else if (!status.equals(order.flow().finalStatus())) {
                lostOrders++;
                problems.add(
                        "order %s is %s, expected %s",
                        order.orderId(), status, order.flow().finalStatus());
            }
        }
        for (String stored : storedOrders.keySet()) {
            if (!byId.containsKey(stored)) {
                duplicated++;
                problems.add("order %s is stored but was never acknowledged", stored);
            }
        }

        // outbox: exactly the events of each order's flow
        Map<String, List<OutboxEvent>> outboxByOrder =
                outbox.stream().collect(Collectors.groupingBy(OutboxEvent::orderId));
        Map<UUID, OutboxEvent> expected = new HashMap<>();
        int lostInOutbox = 0;
        for (PlacedOrder order : placed) {
            List<String> types = outboxByOrder.getOrDefault(order.orderId(), List.of()).stream()
                    .map(OutboxEvent::type)
                    .collect(Collectors.toCollection(ArrayList::new));
            for (String type : order.flow().eventTypes()) {
                if (!types.remove(type)) {
                    lostInOutbox++;
                    problems.add("order %s has no %s in the outbox", order.orderId(), type);
                }
            }
            duplicated += types.size();
            types.forEach(type -> problems.add("order %s has an extra %s in the outbox", order.orderId(), type));
        }
        for (OutboxEvent event : outbox) {
            if (byId.containsKey(event.orderId())) {
                expected.put(event.eventId(), event);
            }
        }

        // topic
        Map<UUID, List<TopicLog.Entry>> onTopic = new HashMap<>();
        Map<String, List<TopicLog.Entry>> topicByOrder = new HashMap<>();
        int mismatched = 0;
        for (TopicLog.Entry entry : topic) {
            EventEnvelope envelope = entry.envelope();
            if (envelope == null || !byId.containsKey(envelope.aggregateId())) {
                continue;
            }
            onTopic.computeIfAbsent(envelope.eventId(), k -> new ArrayList<>()).add(entry);
            topicByOrder
                    .computeIfAbsent(envelope.aggregateId(), k -> new ArrayList<>())
                    .add(entry);
            if (!envelope.aggregateId().equals(entry.key())) {
                mismatched++;
                problems.add(
                        "record %d@%d has key %s for order %s",
                        entry.partition(), entry.offset(), entry.key(), envelope.aggregateId());
            }
            if (entry.headerId() != null
                    && !entry.headerId().equalsIgnoreCase(envelope.eventId().toString())) {
                mismatched++;
                problems.add(
                        "record %d@%d has header id %s for event %s",
                        entry.partition(), entry.offset(), entry.headerId(), envelope.eventId());
            }
        }
        Set<UUID> lostEvents = new LinkedHashSet<>();
        int redelivered = 0;
        for (OutboxEvent event : expected.values()) {
            List<TopicLog.Entry> copies = onTopic.getOrDefault(event.eventId(), List.of());
            if (copies.isEmpty()) {
                lostEvents.add(event.eventId());
                problems.add(
                        "event %s (%s of order %s) is not on the topic",
                        event.eventId(), event.type(), event.orderId());
                continue;
            }
            redelivered += copies.size() - 1;
            EventEnvelope original = EVENTS.read(event.payload());
            if (copies.stream().anyMatch(copy -> !original.equals(copy.envelope()))) {
                duplicated++;
                problems.add("event id %s is on the topic with a payload other than its outbox row's", event.eventId());
            }
        }
        for (UUID id : onTopic.keySet()) {
            if (!expected.containsKey(id)) {
                duplicated++;
                problems.add("event id %s is on the topic but not in the outbox", id);
            }
        }
        int outOfOrder = 0;
        for (PlacedOrder order : placed) {
            List<TopicLog.Entry> records = topicByOrder.getOrDefault(order.orderId(), List.of());
            if (records.stream().map(TopicLog.Entry::partition).distinct().count() > 1) {
                outOfOrder++;
                problems.add("the events of order %s are on more than one partition", order.orderId());
                continue;
            }
            List<String> firstSeen = records.stream()
                    .sorted(Comparator.comparingLong(TopicLog.Entry::offset))
                    .map(entry -> entry.envelope().eventType())
                    .distinct()
                    .toList();
            if (!records.isEmpty()
                    && !firstSeen.equals(order.flow().eventTypes())
                    && firstSeen.size() == order.flow().eventTypes().size()) {
                outOfOrder++;
                problems.add("the events of order %s are on the topic as %s", order.orderId(), firstSeen);
            }
        }

        // notifications
        Map<UUID, List<NotificationRow>> notified =
                notificationRows.stream().collect(Collectors.groupingBy(NotificationRow::eventId));
        for (OutboxEvent event : expected.values()) {
            List<NotificationRow> rows = notified.getOrDefault(event.eventId(), List.of());
            if (rows.isEmpty()) {
                if (lostEvents.add(event.eventId())) {
                    problems.add(
                            "event %s (%s of order %s) has no notification",
                            event.eventId(), event.type(), event.orderId());
                }
            } else if (rows.size() > 1) {
                duplicated += rows.size() - 1;
                problems.add("event %s has %d notifications", event.eventId(), rows.size());
            }
            if (!processed.contains(event.eventId()) && lostEvents.add(event.eventId())) {
                problems.add("event %s is not in processed_events", event.eventId());
            }
            for (NotificationRow row : rows) {
                PlacedOrder order = byId.get(event.orderId());
                if (!row.orderId().equals(event.orderId())
                        || !row.eventType().equals(event.type())
                        || !row.customerId().equals(order.customerId())
                        || !row.recipient().equals(order.customerId() + "@example.com")) {
                    mismatched++;
                    problems.add("notification %s does not match event %s: %s", row.id(), event.eventId(), row);
                }
            }
        }
        for (UUID id : notified.keySet()) {
            if (!expected.containsKey(id)) {
                duplicated += notified.get(id).size();
                problems.add("notification for event %s, which is not in the outbox", id);
            }
        }
        Map<String, List<String>> notifiedTypesByOrder = new HashMap<>();
        for (NotificationRow row : notificationRows) { // ordered by seq
            notifiedTypesByOrder
                    .computeIfAbsent(row.orderId(), k -> new ArrayList<>())
                    .add(row.eventType());
        }
        for (PlacedOrder order : placed) {
            List<String> types = notifiedTypesByOrder.getOrDefault(order.orderId(), List.of());
            if (types.size() == order.flow().eventTypes().size()
                    && !types.equals(order.flow().eventTypes())) {
                outOfOrder++;
                problems.add("the notifications of order %s were created as %s", order.orderId(), types);
            }
        }

        int events = expected.size();
        return new DeliveryCheck(
                placed.size(),
                events,
                notificationRows.size(),
                lostOrders + lostInOutbox + lostEvents.size(),
                duplicated,
                redelivered,
                outOfOrder,
                mismatched,
                problems.list());
    }

    boolean passed() {
        return lost == 0 && duplicated == 0 && outOfOrder == 0 && mismatched == 0;
    }

    private static final class Problems {
        private final List<String> list = new ArrayList<>();
        private int dropped;

        void add(String format, Object... args) {
            if (list.size() < MAX_PROBLEMS) {
                list.add(String.format(format, args));
            } else {
                dropped++;
            }
        }

        List<String> list() {
            List<String> all = new ArrayList<>(list);
            if (dropped > 0) {
                all.add("... and " + dropped + " more");
            }
            return all;
        }
    }

    @Override
    public String toString() {
        return "orders=%d events=%d notifications=%d lost=%d duplicated=%d redelivered=%d outOfOrder=%d mismatched=%d"
                        .formatted(orders, events, notifications, lost, duplicated, redelivered, outOfOrder, mismatched)
                + (problems.isEmpty() ? "" : problems.stream().collect(Collectors.joining("\n  ", "\n  ", "")));
    }
}
