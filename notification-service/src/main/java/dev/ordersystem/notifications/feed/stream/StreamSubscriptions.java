package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.notification.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Who gets a notification: the open streams of this instance, by customer, at most
 * {@code notifications.feed.max-streams-per-customer} per customer and {@code max-streams} in all. Owns the executor
 * whose tasks write to the streams (at most one task per stream at a time, so it never needs more threads than there
 * are streams; idle threads end). Sends every stream a heartbeat each {@code stream-heartbeat}, and completes every
 * stream when the service stops, so that graceful shutdown does not wait for them.
 */
@Component
class StreamSubscriptions implements SmartLifecycle, SchedulingConfigurer {

    private final NotificationsProperties.Feed settings;
    private final Map<String, Set<Subscription>> byCustomer = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor writers;
    private int open;
    private volatile boolean running;

    StreamSubscriptions(NotificationsProperties properties) {
        this.settings = properties.feed();
        var threads = new CustomizableThreadFactory("feed-stream-");
        threads.setDaemon(true);
        this.writers = new ThreadPoolExecutor(
                0, settings.maxStreams(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /** A stream of the customer's notifications into the sink, not open yet. */
    Subscription subscription(String customerId, @Nullable Notification resumeAfter, StreamSink sink) {
        return new Subscription(customerId, resumeAfter, sink, settings.streamQueueCapacity(), writers, this::remove);
    }

    /**
     * Counts the stream as open: notifications of its customer are offered to it from now on.
     *
     * @throws TooManyStreamsException the customer has the most streams allowed open already
     * @throws StreamCapacityExhaustedException this instance has the most streams allowed open already
     */
    synchronized void add(Subscription subscription) {
        if (open >= settings.maxStreams()) {
            throw new StreamCapacityExhaustedException(settings.maxStreams());
        }
        Set<Subscription> ofCustomer =
                byCustomer.computeIfAbsent(subscription.customerId(), id -> new CopyOnWriteArraySet<>());
        if (ofCustomer.size() >= settings.maxStreamsPerCustomer()) {
            throw new TooManyStreamsException(settings.maxStreamsPerCustomer());
        }
        ofCustomer.add(subscription);
        open++;
    }

    /** Offers nothing more to the stream. */
    synchronized void remove(Subscription subscription) {
        Set<Subscription> ofCustomer = byCustomer.get(subscription.customerId());
        if (ofCustomer != null && ofCustomer.remove(subscription)) {
            open--;
            if (ofCustomer.isEmpty()) {
                byCustomer.remove(subscription.customerId());
            }
        }
    }

    /** Offers the notification to the open streams of its customer; never waits for them. */
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
    synchronized int size() {
        return open;
    }

    void heartbeat() {
        byCustomer.values().forEach(subscriptions -> subscriptions.forEach(Subscription::heartbeat));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::heartbeat, settings.streamHeartbeat());
    }

    @Override
    public void start() {
        running = true;
    }

    /** Completes every open stream; the writing tasks started by then finish, no new ones start. */
    @Override
    public void stop() {
        running = false;
        List<Subscription> streams = new ArrayList<>();
        synchronized (this) {
            byCustomer.values().forEach(streams::addAll);
            byCustomer.clear();
            open = 0;
        }
        streams.forEach(Subscription::complete);
        writers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
