package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.notification.NotificationCreated;
import dev.ordersystem.notifications.notification.Notifications;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What to push to the open streams. The source of truth is the database, not this JVM: another instance may have
 * created the notification. Every {@code notifications.feed.stream-poll-interval} this asks for the notifications of
 * the subscribed customers created in the last {@code stream-lookback} (by the database clock); the streams remember
 * which ids they have sent, so the overlapping windows push nothing twice and a transaction that commits late, within
 * the lookback, is still seen. Notifications created by this instance are in addition pushed right after their
 * transaction commits, so local ones arrive without the polling delay.
 */
@Component
class NotificationStreamPoller implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(NotificationStreamPoller.class);

    private static final int POLL_LIMIT = 1000;

    private final Notifications notifications;
    private final StreamSubscriptions subscriptions;
    private final NotificationsProperties.Feed settings;
    private volatile @Nullable Instant lastPoll;

    NotificationStreamPoller(
            Notifications notifications, StreamSubscriptions subscriptions, NotificationsProperties properties) {
        this.notifications = notifications;
        this.subscriptions = subscriptions;
        this.settings = properties.feed();
    }

    /** Local notifications go out as soon as their transaction committed. */
    @TransactionalEventListener
    void onCreated(NotificationCreated created) {
        subscriptions.deliver(created.notification());
    }

    /** A stream that resumes gets what was created after the notification it saw last (its start). */
    void catchUp(Subscription subscription) {
        notifications
                .createdAfter(List.of(subscription.customerId()), subscription.startedAt(), POLL_LIMIT)
                .forEach(subscription::offer);
    }

    void poll() {
        List<String> customers = subscriptions.customers();
        if (customers.isEmpty()) {
            lastPoll = null;
            return;
        }
        try {
            Instant now = notifications.now();
            Instant previous = lastPoll;
            Instant since = (previous == null ? now : previous).minus(settings.streamLookback());
            notifications.createdAfter(customers, since, POLL_LIMIT).forEach(subscriptions::deliver);
            lastPoll = now;
            subscriptions.forget(since.minus(settings.streamLookback()));
        } catch (RuntimeException e) {
            log.warn("Polling notifications for {} open stream(s) failed: {}", subscriptions.size(), e.toString());
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::poll, settings.streamPollInterval());
    }
}
