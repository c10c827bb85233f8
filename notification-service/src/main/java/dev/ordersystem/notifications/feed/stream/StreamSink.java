package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.notification.Notification;
import java.io.IOException;
import java.time.Instant;

/**
 * The transport of one open stream (server-sent events over HTTP, in the web layer). Calls to one sink never overlap.
 * A call that throws means the stream is gone.
 */
public interface StreamSink {

    /** The first event: the stream is open, with what was created since {@code since}. */
    void subscribed(String customerId, Instant since) throws IOException;

    void notification(Notification notification) throws IOException;

    /** Keeps an idle stream (and proxies on its way) alive. */
    void heartbeat() throws IOException;

    /** Ends the stream normally. */
    void complete();
}
