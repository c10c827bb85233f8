package dev.ordersystem.notifications.feed.web;

import dev.ordersystem.notifications.Problems;
import dev.ordersystem.notifications.feed.NotificationNotFoundException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An unknown notification: 404. */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE)
class NotificationExceptionHandler {

    @ExceptionHandler
    ProblemDetail notFound(NotificationNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "notification-not-found", "Notification not found", ex.getMessage());
    }
}
