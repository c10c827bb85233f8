package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.notification.Notification;
import dev.ordersystem.notifications.notification.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Opens and closes the live streams of customers' new notifications: {@link StreamSubscriptions} knows who gets a
 * notification, {@link NotificationStreamPoller} what to push.
 */
@Component
public class NotificationStreams {

    /** A new stream also gets what was created this long before it subscribed; clients deduplicate by id. */
    private static final Duration SUBSCRIBE_GRACE = Duration.ofSeconds(2);

    private final Notifications notifications;
    private final StreamSubscriptions subscriptions;
    private final NotificationStreamPoller poller;

    NotificationStreams(
            Notifications notifications, StreamSubscriptions subscriptions, NotificationStreamPoller poller) {
        this.notifications = notifications;
        this.subscriptions = subscriptions;
        this.poller = poller;
    }

    /**
     * Opens a stream of the customer's notifications into the sink, starting with the event {@code subscribed}.
     *
     * @param lastSeen the id of the last notification the client received on an earlier stream: the new one resumes
     *     after it; unknown or another customer's, it is ignored
     */
    public Subscription open(String customerId, @Nullable UUID lastSeen, StreamSink sink) {
        Optional<Notification> resumeAfter =
                Optional.ofNullable(lastSeen).flatMap(id -> notifications.findOfCustomer(id, customerId));
        Instant startedAt = resumeAfter
                .map(Notification::createdAt)
                .orElseGet(() -> notifications.now().minus(SUBSCRIBE_GRACE));
        var subscription = new Subscription(customerId, startedAt, sink, subscriptions::remove);
        resumeAfter.ifPresent(subscription::markSent);
        if (!subscription.subscribed()) {
            return subscription;
        }
        subscriptions.add(subscription);
        if (resumeAfter.isPresent()) {
            poller.catchUp(subscription);
        }
        return subscription;
    }

    /** The stream ended (completed, timed out or failed): nothing more is sent to it. */
    public void close(Subscription subscription) {
        subscriptions.remove(subscription);
    }
}
