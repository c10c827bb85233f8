package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.notification.CommittedNotifications;
import dev.ordersystem.notifications.notification.Notification;
import dev.ordersystem.notifications.notification.Notifications;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * What to push to the open streams, by commit: the source of truth is the database, not this JVM (another instance
 * may have created the notification), and the cursor is a PostgreSQL snapshot, not a time or an id. Every
 * {@code notifications.feed.stream-poll-interval} this reads the notifications of the subscribed customers whose
 * transactions committed after the snapshot of its previous poll and by the snapshot of this one, which the same
 * statement returns; the next poll starts from there. So each notification is pushed once, whatever order the
 * transactions commit in and however many arrive (a poll reads them in pages of {@value #PAGE_SIZE} by {@code seq},
 * all up to the same snapshot, before pushing any). A failed poll pushes nothing and the next one covers its range.
 *
 * <p>New streams register in step with the polls: a stream gets what commits after the last poll before it, and a
 * resumed stream reads its backlog up to that same snapshot, so the two never overlap.
 */
@Component
class NotificationStreamPoller implements SchedulingConfigurer {

    static final int PAGE_SIZE = 500;

    private static final Logger log = LoggerFactory.getLogger(NotificationStreamPoller.class);

    private final Notifications notifications;
    private final StreamSubscriptions subscriptions;
    private final Duration interval;
    private @Nullable String previous;

    NotificationStreamPoller(
            Notifications notifications, StreamSubscriptions subscriptions, NotificationsProperties properties) {
        this.notifications = notifications;
        this.subscriptions = subscriptions;
        this.interval = properties.feed().streamPollInterval();
    }

    /**
     * Opens the stream for the notifications that commit from now on, between two polls.
     *
     * @return the snapshot that the polls have pushed up to: what committed by it is the stream's backlog, what
     *     commits after it the polls push to the stream
     */
    synchronized String register(Subscription subscription) {
        String since = since();
        subscriptions.add(subscription);
        return since;
    }

    /** The customer's notifications after {@code seq} that committed by the snapshot, a page. */
    List<Notification> backlog(String customerId, String snapshot, long seq) {
        return notifications
                .committed(null, snapshot, List.of(customerId), seq, PAGE_SIZE)
                .notifications();
    }

    synchronized void poll() {
        try {
            String since = since();
            List<String> customers = subscriptions.customers();
            if (customers.isEmpty()) {
                previous = notifications.currentSnapshot();
                return;
            }
            CommittedNotifications page = notifications.committed(since, null, customers, 0, PAGE_SIZE);
            String upTo = page.snapshot();
            List<Notification> committed = new ArrayList<>(page.notifications());
            while (page.notifications().size() == PAGE_SIZE) {
                long last = committed.get(committed.size() - 1).seq();
                page = notifications.committed(since, upTo, customers, last, PAGE_SIZE);
                committed.addAll(page.notifications());
            }
            committed.forEach(subscriptions::deliver);
            previous = upTo;
        } catch (RuntimeException e) {
            log.warn("Polling notifications for {} open stream(s) failed: {}", subscriptions.size(), e.toString());
        }
    }

    /** The snapshot of the previous poll; taken now if there was none. */
    private String since() {
        String since = previous;
        if (since == null) {
            since = notifications.currentSnapshot();
            previous = since;
        }
        return since;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::poll, interval);
    }
}
