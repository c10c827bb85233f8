package dev.ordersystem.notifications.deadletter;

import dev.ordersystem.notifications.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The dead-letter operations' failures as problems: unknown record 404, re-driven or discarded before 409, Kafka down
 * 503.
 */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE)
class DeadLetterExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    @ExceptionHandler
    ProblemDetail notFound(DeadLetterNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail alreadyRedriven(DeadLetterAlreadyRedrivenException ex) {
        return Problems.of(HttpStatus.CONFLICT, "dead-letter-already-redriven", "Already re-driven", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail alreadyDiscarded(DeadLetterAlreadyDiscardedException ex) {
        return Problems.of(HttpStatus.CONFLICT, "dead-letter-already-discarded", "Already discarded", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail kafkaUnavailable(DeadLetterTopicUnavailableException ex) {
        log.warn("Dead-letter operation failed: {}", ex.getMessage());
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", "Kafka unavailable", ex.getMessage());
    }
}
