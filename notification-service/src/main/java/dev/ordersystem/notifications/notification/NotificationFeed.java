package dev.ordersystem.notifications.notification;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads notifications back: a customer's feed, one notification, and what is new since an instant. */
@Service
public class NotificationFeed {

    private final NotificationRepository repository;

    NotificationFeed(NotificationRepository repository) {
        this.repository = repository;
    }

    /** Page {@code page} (from 0) of the customer's notifications, newest first. */
    public FeedPage page(String customerId, int page, int size) {
        long offset = (long) page * size;
        List<FeedEntry> items =
                offset > Integer.MAX_VALUE ? List.of() : repository.page(customerId, (int) offset, size);
        return new FeedPage(items, page, size, repository.count(customerId));
    }

    public FeedEntry get(UUID id) {
        return repository.find(id).orElseThrow(() -> new NotificationNotFoundException(id));
    }

    /** Notifications of these customers created after the instant (database clock), oldest first. */
    public List<Notification> createdAfter(Collection<String> customerIds, Instant after, int limit) {
        return repository.createdAfter(customerIds, after, limit);
    }

    /** The notification, if it exists and belongs to the customer. */
    public Optional<Notification> findOfCustomer(UUID id, String customerId) {
        return repository.findOfCustomer(id, customerId);
    }

    /** The database clock, the one that stamps {@link Notification#createdAt()}. */
    public Instant now() {
        return repository.now();
    }
}
