package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.notification.Notification;
import dev.ordersystem.notifications.notification.Notifications;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Opens and closes the live streams of customers' new notifications: {@link StreamSubscriptions} knows who gets a
 * notification, {@link NotificationStreamPoller} what to push.
 */
@Component
public class NotificationStreams {

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
     * Opens a stream of the customer's notifications into the sink: the event {@code subscribed}, then every
     * notification of the customer that commits from now on, each once.
     *
     * @param lastSeen the id of the last notification the client received on an earlier stream: the new one sends every
     *     notification of the customer after it (greater {@code seq}), those committed already first, and none up to
     *     it; unknown or another customer's, it is ignored
     * @throws TooManyStreamsException the customer has the most streams allowed open already
     * @throws StreamCapacityExhaustedException this instance has the most streams allowed open already
     */
    public Subscription open(String customerId, @Nullable UUID lastSeen, StreamSink sink) {
        @Nullable
        Notification resumeAfter = lastSeen == null
                ? null
                : notifications.findOfCustomer(lastSeen, customerId).orElse(null);
        Subscription subscription = subscriptions.subscription(customerId, resumeAfter, sink);
        String since = poller.register(subscription);
        subscription.start(
                resumeAfter == null ? Subscription.Backlog.NONE : seq -> poller.backlog(customerId, since, seq));
        return subscription;
    }

    /** The stream ended (completed, timed out or failed): nothing more is sent to it. */
    public void close(Subscription subscription) {
        subscriptions.remove(subscription);
        subscription.close();
    }
}
