package dev.ordersystem.notifications.feed.web;

import dev.ordersystem.notifications.Problems;
import dev.ordersystem.notifications.feed.NotificationNotFoundException;
import dev.ordersystem.notifications.feed.stream.StreamCapacityExhaustedException;
import dev.ordersystem.notifications.feed.stream.TooManyStreamsException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An unknown notification, or one the caller may not read: 404; a feed the caller may not read: 404; too many
 * streams of the customer: 429; no stream left on this instance: 503.
 */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE)
class NotificationExceptionHandler {

    @ExceptionHandler
    ProblemDetail notFound(NotificationNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "notification-not-found", "Notification not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail feedNotFound(CustomerFeedNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "feed-not-found", "Feed not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail tooManyStreams(TooManyStreamsException ex) {
        return Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many streams", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail noStreamCapacity(StreamCapacityExhaustedException ex) {
        return Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE, "stream-capacity-exhausted", "No stream available", ex.getMessage());
    }
}
