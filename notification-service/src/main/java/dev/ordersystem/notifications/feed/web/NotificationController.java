package dev.ordersystem.notifications.feed.web;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.feed.FeedEntry;
import dev.ordersystem.notifications.feed.NotificationFeed;
import dev.ordersystem.notifications.feed.NotificationNotFoundException;
import dev.ordersystem.notifications.feed.stream.NotificationStreams;
import dev.ordersystem.notifications.feed.stream.Subscription;
import dev.ordersystem.notifications.security.Caller;
import dev.ordersystem.web.InvalidRequestException;
import dev.ordersystem.web.PlainTextValidator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The in-app feed: a customer's notifications, one notification, and a live stream of new ones. A customer reads their
 * own only: another customer's feed, stream or notification is answered 404, exactly as a missing one; staff read
 * anyone's (the security configuration lets no one else in).
 */
@RestController
@Tag(name = "Feed", description = "In-app notifications of a customer")
class NotificationController {

    private static final int MAX_CUSTOMER_ID_LENGTH = 200;

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final NotificationFeed feed;
    private final NotificationStreams streams;
    private final NotificationsProperties.Feed settings;

    NotificationController(NotificationFeed feed, NotificationStreams streams, NotificationsProperties properties) {
        this.feed = feed;
        this.streams = streams;
        this.settings = properties.feed();
    }

    @GetMapping("/customers/{customerId}/notifications")
    @Operation(summary = "A page of the customer's notifications, newest first")
    @ApiResponse(responseCode = "200", description = "A page of notifications")
    @ApiResponse(responseCode = "404", description = "Another customer's feed (as if it did not exist)")
    FeedPageResponse list(
            @PathVariable String customerId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) @Nullable Integer size,
            Authentication caller) {
        checkMayRead(customerId, caller);
        int pageSize = size == null ? settings.defaultPageSize() : size;
        if (page < 0) {
            throw InvalidRequestException.of("page", "must be 0 or more");
        }
        if (pageSize < 1 || pageSize > settings.maxPageSize()) {
            throw InvalidRequestException.of("size", "must be between 1 and " + settings.maxPageSize());
        }
        return FeedPageResponse.of(feed.page(customerId, page, pageSize));
    }

    @GetMapping("/notifications/{id}")
    @Operation(summary = "One notification with the state of its email")
    @ApiResponse(responseCode = "200", description = "The notification")
    @ApiResponse(responseCode = "404", description = "No such notification, or another customer's")
    NotificationResponse get(@PathVariable UUID id, Authentication caller) {
        FeedEntry entry = feed.get(id);
        if (!Caller.of(caller).mayRead(entry.notification().customerId())) {
            throw new NotificationNotFoundException(id);
        }
        return NotificationResponse.of(entry);
    }

    @GetMapping(path = "/customers/{customerId}/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "Server-sent events: the customer's new notifications as they are committed",
            description = "First an event 'subscribed', then one event 'notification' (id = notification id) per new"
                    + " notification, each once, and comment lines as heartbeats. Reconnect with Last-Event-ID to"
                    + " resume: the stream first sends the customer's notifications after that one (a Last-Event-ID"
                    + " that is not a notification id is a 400). At most"
                    + " notifications.feed.max-streams-per-customer streams per customer (429 beyond) and max-streams"
                    + " per instance (503 beyond); a reader that falls too far behind is disconnected.")
    @ApiResponse(
            responseCode = "200",
            description = "The stream: events subscribed and notification (data: a Notification as JSON)",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @ApiResponse(responseCode = "404", description = "Another customer's feed (as if it did not exist)")
    @ApiResponse(responseCode = "429", description = "The customer has too many open streams")
    @ApiResponse(responseCode = "503", description = "No stream left on this instance")
    SseEmitter stream(
            @PathVariable String customerId,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            Authentication caller) {
        checkMayRead(customerId, caller);
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        Subscription subscription = streams.open(customerId, uuid(lastEventId), new SseStreamSink(emitter));
        emitter.onCompletion(() -> streams.close(subscription));
        emitter.onTimeout(() -> {
            streams.close(subscription);
            emitter.complete(); // a normal end of stream; the client reconnects with Last-Event-ID
        });
        emitter.onError(e -> streams.close(subscription));
        return emitter;
    }

    /** No (or an empty) {@code Last-Event-ID}: the stream starts now; one that is not a notification id: 400. */
    private static @Nullable UUID uuid(@Nullable String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        if (!CANONICAL_UUID.matcher(id.trim()).matches()) {
            throw InvalidRequestException.of("Last-Event-ID", "must be the id of a notification (a UUID)");
        }
        return UUID.fromString(id.trim());
    }

    private static void checkMayRead(String customerId, Authentication caller) {
        if (customerId.isBlank()
                || customerId.length() > MAX_CUSTOMER_ID_LENGTH
                || !PlainTextValidator.isPlain(customerId)) {
            throw InvalidRequestException.of(
                    "customerId",
                    "must be between 1 and " + MAX_CUSTOMER_ID_LENGTH + " characters of plain text (no control"
                            + " characters, valid Unicode)");
        }
        if (!Caller.of(caller).mayRead(customerId)) {
            throw new CustomerFeedNotFoundException(customerId);
        }
    }
}
