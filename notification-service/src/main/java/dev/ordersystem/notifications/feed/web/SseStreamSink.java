package dev.ordersystem.notifications.feed.web;

import dev.ordersystem.notifications.feed.stream.StreamSink;
import dev.ordersystem.notifications.notification.Notification;
import java.io.IOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A stream as server-sent events: {@code subscribed} first ({@code customerId}, {@code resumedAfter}: the
 * {@code Last-Event-ID} it resumes after, or null), then one event {@code notification} per notification (id =
 * notification id, for {@code Last-Event-ID}), and comment lines as heartbeats.
 */
final class SseStreamSink implements StreamSink {

    private static final long RECONNECT_MILLIS = 3000;

    private final SseEmitter emitter;

    SseStreamSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void subscribed(String customerId, @Nullable UUID resumedAfter) throws IOException {
        emitter.send(SseEmitter.event()
                .name("subscribed")
                .reconnectTime(RECONNECT_MILLIS)
                .data(new Subscribed(customerId, resumedAfter), MediaType.APPLICATION_JSON));
    }

    @Override
    public void notification(Notification notification) throws IOException {
        emitter.send(SseEmitter.event()
                .id(notification.id().toString())
                .name("notification")
                .data(NotificationResponse.of(notification, null), MediaType.APPLICATION_JSON));
    }

    @Override
    public void heartbeat() throws IOException {
        emitter.send(SseEmitter.event().comment("heartbeat"));
    }

    @Override
    public void complete() {
        emitter.complete();
    }

    /** The data of the event {@code subscribed}. */
    record Subscribed(String customerId, @Nullable UUID resumedAfter) {}
}
