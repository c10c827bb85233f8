package dev.ordersystem.console.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open pages' server-sent event streams: {@code log} (a {@link Sample} with its snapshot, every refresh) and
 * {@code event} (a {@link FeedEvent} of the console's own group, as it arrives). At most {@value #MAX_STREAMS} streams.
 */
@Component
class LiveUpdates {

    static final int MAX_STREAMS = 32;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

    /** A new stream; {@link TooManyStreamsException} when {@value #MAX_STREAMS} are open. */
    synchronized SseEmitter open() {
        if (emitters.size() >= MAX_STREAMS) {
            throw new TooManyStreamsException();
        }
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> emitters.remove(emitter));
        emitters.add(emitter);
        return emitter;
    }

    void publish(String name, Object data) {
        for (SseEmitter emitter : emitters) {
            send(emitter, name, data);
        }
    }

    static void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }

    static final class TooManyStreamsException extends RuntimeException {
        TooManyStreamsException() {
            super("Too many open console streams");
        }
    }
}
