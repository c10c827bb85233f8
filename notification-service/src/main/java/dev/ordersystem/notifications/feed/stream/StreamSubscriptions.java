package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.notification.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Who gets a notification: the open streams of this instance, by customer. Sends every stream a heartbeat each
 * {@code notifications.feed.stream-heartbeat}, and completes every stream when the service stops, so that graceful
 * shutdown does not wait for them.
 */
@Component
class StreamSubscriptions implements SmartLifecycle, SchedulingConfigurer {

    private final Duration heartbeat;
    private final Map<String, Set<Subscription>> byCustomer = new ConcurrentHashMap<>();
    private volatile boolean running;

    StreamSubscriptions(NotificationsProperties properties) {
        this.heartbeat = properties.feed().streamHeartbeat();
    }

    void add(Subscription subscription) {
        byCustomer
                .computeIfAbsent(subscription.customerId(), id -> new CopyOnWriteArraySet<>())
                .add(subscription);
    }

    void remove(Subscription subscription) {
        subscription.close();
        byCustomer.computeIfPresent(subscription.customerId(), (id, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }

    /** Offers the notification to the open streams of its customer. */
    void deliver(Notification notification) {
        Set<Subscription> subscriptions = byCustomer.get(notification.customerId());
        if (subscriptions != null) {
            subscriptions.forEach(subscription -> subscription.offer(notification));
        }
    }

    /** Customers with an open stream. */
    List<String> customers() {
        return List.copyOf(byCustomer.keySet());
    }

    /** Number of open streams. */
    int size() {
        return byCustomer.values().stream().mapToInt(Set::size).sum();
    }

    /** Lets every stream forget the ids it sent of notifications created before the instant. */
    void forget(Instant before) {
        byCustomer.values().forEach(subscriptions -> subscriptions.forEach(s -> s.forget(before)));
    }

    void heartbeat() {
        byCustomer.values().forEach(subscriptions -> subscriptions.forEach(Subscription::heartbeat));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::heartbeat, heartbeat);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Completes every open stream. */
    @Override
    public void stop() {
        running = false;
        List<Subscription> open = new ArrayList<>();
        byCustomer.values().forEach(open::addAll);
        byCustomer.clear();
        open.forEach(Subscription::complete);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
