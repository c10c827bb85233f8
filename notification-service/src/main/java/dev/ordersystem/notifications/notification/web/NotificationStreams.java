package dev.ordersystem.notifications.notification.web;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.notification.Notification;
import dev.ordersystem.notifications.notification.NotificationCreated;
import dev.ordersystem.notifications.notification.NotificationFeed;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this instance and what feeds them.
 *
 * <p>The source of truth is the database, not this JVM: another instance may have created the notification. A poller
 * asks every {@code stream-poll-interval} for the notifications of the subscribed customers created in the last
 * {@code stream-lookback} (by the database clock); each stream remembers which ids it has sent, so the overlapping
 * windows push nothing twice and a transaction that commits late, within the lookback, is still seen. Notifications
 * created by this instance are in addition pushed right after their transaction commits, so local ones arrive without
 * the polling delay.
 */
@Component
class NotificationStreams implements SchedulingConfigurer, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationStreams.class);

    /** A new stream also gets what was created this long before it subscribed; clients deduplicate by id. */
    private static final Duration SUBSCRIBE_GRACE = Duration.ofSeconds(2);

    private static final int POLL_LIMIT = 1000;

    private final NotificationFeed feed;
    private final NotificationsProperties.Feed settings;
    private final Map<String, Set<Subscription>> byCustomer = new ConcurrentHashMap<>();
    private volatile @Nullable Instant lastPoll;
    private volatile boolean running;

    NotificationStreams(NotificationFeed feed, NotificationsProperties properties) {
        this.feed = feed;
        this.settings = properties.feed();
    }

    SseEmitter subscribe(String customerId, @Nullable String lastEventId) {
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        Optional<Notification> resumeAfter = parse(lastEventId).flatMap(id -> feed.findOfCustomer(id, customerId));
        Instant startedAt = resumeAfter
                .map(Notification::createdAt)
                .orElseGet(() -> feed.now().minus(SUBSCRIBE_GRACE));
        var subscription = new Subscription(customerId, emitter, startedAt);
        resumeAfter.ifPresent(subscription::markSent);
        emitter.onCompletion(() -> remove(subscription));
        emitter.onTimeout(() -> {
            remove(subscription);
            emitter.complete(); // a normal end of stream; the client reconnects with Last-Event-ID
        });
        emitter.onError(e -> remove(subscription));
        if (!subscription.send(SseEmitter.event()
                .name("subscribed")
                .reconnectTime(3000)
                .data(Map.of("customerId", customerId, "since", startedAt.toString()), MediaType.APPLICATION_JSON))) {
            return emitter;
        }
        byCustomer
                .computeIfAbsent(customerId, id -> new CopyOnWriteArraySet<>())
                .add(subscription);
        if (resumeAfter.isPresent()) {
            feed.createdAfter(List.of(customerId), startedAt, POLL_LIMIT).forEach(subscription::offer);
        }
        return emitter;
    }

    /** Local notifications go out as soon as their transaction committed. */
    @TransactionalEventListener
    void onCreated(NotificationCreated created) {
        push(created.notification());
    }

    /** Number of open streams of this instance. */
    int openStreams() {
        return byCustomer.values().stream().mapToInt(Set::size).sum();
    }

    void poll() {
        if (byCustomer.isEmpty()) {
            lastPoll = null;
            return;
        }
        try {
            Instant now = feed.now();
            Instant previous = lastPoll;
            Instant since = (previous == null ? now : previous).minus(settings.streamLookback());
            for (Notification notification : feed.createdAfter(List.copyOf(byCustomer.keySet()), since, POLL_LIMIT)) {
                push(notification);
            }
            lastPoll = now;
            Instant forgetBefore = since.minus(settings.streamLookback());
            byCustomer.values().forEach(subscriptions -> subscriptions.forEach(s -> s.forget(forgetBefore)));
        } catch (RuntimeException e) {
            log.warn("Polling notifications for {} open stream(s) failed: {}", openStreams(), e.toString());
        }
    }

    void heartbeat() {
        byCustomer.values().forEach(subscriptions -> subscriptions.forEach(Subscription::heartbeat));
    }

    private void push(Notification notification) {
        Set<Subscription> subscriptions = byCustomer.get(notification.customerId());
        if (subscriptions != null) {
            subscriptions.forEach(subscription -> subscription.offer(notification));
        }
    }

    private void remove(Subscription subscription) {
        subscription.close();
        byCustomer.computeIfPresent(subscription.customerId, (id, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::poll, settings.streamPollInterval());
        registrar.addFixedDelayTask(this::heartbeat, settings.streamHeartbeat());
    }

    @Override
    public void start() {
        running = true;
    }

    /** Completes every open stream first, so that graceful shutdown does not wait for them. */
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

    private static Optional<UUID> parse(@Nullable String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One open stream. Sends are serialised: an {@link SseEmitter} must not be written to concurrently. */
    private final class Subscription {

        private final String customerId;
        private final SseEmitter emitter;
        private final Instant startedAt;
        private final Map<UUID, Instant> sent = new HashMap<>();
        private boolean closed;

        Subscription(String customerId, SseEmitter emitter, Instant startedAt) {
            this.customerId = customerId;
            this.emitter = emitter;
            this.startedAt = startedAt;
        }

        synchronized void markSent(Notification notification) {
            sent.put(notification.id(), notification.createdAt());
        }

        synchronized void offer(Notification notification) {
            if (closed
                    || notification.createdAt().isBefore(startedAt)
                    || sent.putIfAbsent(notification.id(), notification.createdAt()) != null) {
                return;
            }
            send(SseEmitter.event()
                    .id(notification.id().toString())
                    .name("notification")
                    .data(NotificationResponse.of(notification, null), MediaType.APPLICATION_JSON));
        }

        synchronized void heartbeat() {
            send(SseEmitter.event().comment("heartbeat"));
        }

        /** Forgets sent ids older than any future poll window can return. */
        synchronized void forget(Instant before) {
            sent.values().removeIf(createdAt -> createdAt.isBefore(before));
        }

        synchronized boolean send(SseEmitter.SseEventBuilder event) {
            if (closed) {
                return false;
            }
            try {
                emitter.send(event);
                return true;
            } catch (IOException | IllegalStateException e) {
                log.debug("Stream of customer {} is gone: {}", customerId, e.toString());
                remove(this);
                return false;
            }
        }

        synchronized void close() {
            closed = true;
        }

        synchronized void complete() {
            if (!closed) {
                closed = true;
                emitter.complete();
            }
        }
    }
}
