package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.notification.Notification;
import java.io.IOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The transport of one open stream (server-sent events over HTTP, in the web layer). Calls to one sink never overlap,
 * and none comes from the thread that consumes Kafka or from the poller. A call that throws means the stream is gone.
 */
public interface StreamSink {

    /**
     * The first event: the stream is open.
     *
     * @param resumedAfter the notification it resumes after (its backlog follows), or null
     */
    void subscribed(String customerId, @Nullable UUID resumedAfter) throws IOException;

    void notification(Notification notification) throws IOException;

    /** Keeps an idle stream (and proxies on its way) alive. */
    void heartbeat() throws IOException;

    /** Ends the stream normally. */
    void complete();
}
