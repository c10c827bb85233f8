package dev.ordersystem.notifications.notification;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Reads notifications back: for the feed, its live streams and the channels that deliver them. */
@Service
public class Notifications {

    private final NotificationRepository repository;

    Notifications(NotificationRepository repository) {
        this.repository = repository;
    }

    public Optional<Notification> find(UUID id) {
        return repository.find(id);
    }

    /** Those of the notifications with these ids that exist, by id. */
    public Map<UUID, Notification> findAll(Collection<UUID> ids) {
        return ids.isEmpty()
                ? Map.of()
                : repository.findAll(ids).stream().collect(Collectors.toMap(Notification::id, Function.identity()));
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

    /** Notifications of these customers created after the instant (database clock), oldest first. */
    public List<Notification> createdAfter(Collection<String> customerIds, Instant after, int limit) {
        return repository.createdAfter(customerIds, after, limit);
    }

    /** The database clock, the one that stamps {@link Notification#createdAt()}. */
    public Instant now() {
        return repository.now();
    }
}
