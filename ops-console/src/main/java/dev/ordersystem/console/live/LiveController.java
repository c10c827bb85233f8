package dev.ordersystem.console.live;

import dev.ordersystem.console.ConsoleProperties;
import dev.ordersystem.console.commitlog.LogSnapshot;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the page starts with ({@code GET /api/log}: the newest snapshot, the chart's history, the newest events of the
 * console's group) and then follows ({@code GET /api/stream}: server-sent events).
 */
@RestController
record LiveController(Sampler sampler, LiveFeed feed, LiveUpdates updates, ConsoleProperties properties) {

    /**
     * @param traceUi the base URL of the trace UI; a trace is {@code <traceUi>/zipkin/traces/<traceId>}
     */
    record Initial(@Nullable LogSnapshot snapshot, List<Sample> history, List<FeedEvent> events, URI traceUi) {}

    @GetMapping("/api/log")
    Initial initial() {
        return new Initial(sampler.latest(), sampler.history(), feed.recent(), properties.traceUi());
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return updates.open();
    }

    @ExceptionHandler
    ProblemDetail tooManyStreams(LiveUpdates.TooManyStreamsException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
