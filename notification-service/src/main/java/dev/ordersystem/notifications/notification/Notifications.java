package dev.ordersystem.notifications.notification;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Reads notifications back: for the feed, its live streams and the channels that deliver them. */
@Service
public record Notifications(NotificationRepository repository) {

    public Optional<Notification> find(UUID id) {
        return repository.find(id);
    }

    /** Those of the notifications with these ids that exist, by id. */
    public Map<UUID, Notification> findAll(Collection<UUID> ids) {
        return ids.isEmpty()
                ? Map.of()
                : repository.findAll(ids).stream().collect(Collectors.toMap(Notification::id, Function.identity()));
    }

    /**
     * The notifications of these events, by event id: one per event, as an order's events notify its one customer (the
     * first by id should an event ever have notified several).
     */
    public Map<UUID, Notification> ofEvents(Collection<UUID> eventIds) {
        return eventIds.isEmpty()
                ? Map.of()
                : repository.ofEvents(eventIds).stream()
                        .collect(Collectors.toMap(Notification::eventId, Function.identity(), (first, other) -> first));
    }

    /** The notification, if it exists and belongs to the customer. */
    public Optional<Notification> findOfCustomer(UUID id, String customerId) {
        return repository.findOfCustomer(id, customerId);
    }

    /** The customer's notifications, newest first, from {@code offset}, at most {@code limit}. */
    public List<Notification> page(String customerId, int offset, int limit) {
        return repository.page(customerId, offset, limit);
    }

    public long count(String customerId) {
        return repository.count(customerId);
    }

    /**
     * One page of the notifications of these customers, oldest first ({@code seq}) after {@code afterSeq}, whose
     * transactions committed after the snapshot {@code since} and by the snapshot {@code upTo}. With {@code upTo} null
     * the page is read as of now and says which snapshot that was; the following pages of the same range pass it as
     * {@code upTo} and the last {@code seq} as {@code afterSeq}. With {@code since} null, whatever committed by
     * {@code upTo}.
     */
    public CommittedNotifications committed(
            @Nullable String since, @Nullable String upTo, Collection<String> customerIds, long afterSeq, int limit) {
        return repository.committed(since, upTo, customerIds, afterSeq, limit);
    }

    /** Which transactions have committed now, as a {@code pg_snapshot} in text form. */
    public String currentSnapshot() {
        return repository.currentSnapshot();
    }
}
