package dev.ordersystem.notifications.lag;

import dev.ordersystem.notifications.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Kafka not answering the lag queries: 503. */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE)
class ConsumerLagExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagExceptionHandler.class);

    @ExceptionHandler
    ProblemDetail lagUnavailable(LagUnavailableException ex) {
        log.warn("{}", ex.getMessage());
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", "Kafka unavailable", ex.getMessage());
    }
}
