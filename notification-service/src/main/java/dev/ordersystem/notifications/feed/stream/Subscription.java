package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.notification.Notification;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream of a customer's new notifications. It remembers which ids it has sent, so a notification offered
 * twice (by overlapping polls, or by a poll and the local push) is sent once. Sends are serialised: a sink is never
 * written to concurrently.
 */
public final class Subscription {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    private final String customerId;
    private final Instant startedAt;
    private final StreamSink sink;
    private final Consumer<Subscription> onGone;
    private final Map<UUID, Instant> sent = new HashMap<>();
    private boolean closed;

    /**
     * @param startedAt notifications created before are not sent
     * @param onGone told when a send fails because the stream is gone
     */
    Subscription(String customerId, Instant startedAt, StreamSink sink, Consumer<Subscription> onGone) {
        this.customerId = customerId;
        this.startedAt = startedAt;
        this.sink = sink;
        this.onGone = onGone;
    }

    String customerId() {
        return customerId;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Counts the notification as sent: the client has it already. */
    synchronized void markSent(Notification notification) {
        sent.put(notification.id(), notification.createdAt());
    }

    /** Sends the notification unless it was sent before or created before the stream started. */
    synchronized void offer(Notification notification) {
        if (closed
                || notification.createdAt().isBefore(startedAt)
                || sent.putIfAbsent(notification.id(), notification.createdAt()) != null) {
            return;
        }
        send(sink -> sink.notification(notification));
    }

    /** Sends the first event; false if the stream is gone already. */
    synchronized boolean subscribed() {
        return send(sink -> sink.subscribed(customerId, startedAt));
    }

    synchronized void heartbeat() {
        send(StreamSink::heartbeat);
    }

    /** Forgets sent ids older than any future offer can bring. */
    synchronized void forget(Instant before) {
        sent.values().removeIf(createdAt -> createdAt.isBefore(before));
    }

    /** Sends nothing more. */
    synchronized void close() {
        closed = true;
    }

    /** Ends the stream normally, unless it is closed. */
    synchronized void complete() {
        if (!closed) {
            closed = true;
            sink.complete();
        }
    }

    private boolean send(SinkCall call) {
        if (closed) {
            return false;
        }
        try {
            call.on(sink);
            return true;
        } catch (IOException | IllegalStateException e) {
            log.debug("Stream of customer {} is gone: {}", customerId, e.toString());
            closed = true;
            onGone.accept(this);
            return false;
        }
    }

    @FunctionalInterface
    private interface SinkCall {
        void on(StreamSink sink) throws IOException;
    }
}
