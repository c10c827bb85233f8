package dev.ordersystem.orders.idempotency;

import dev.ordersystem.orders.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A reused {@code Idempotency-Key} as a problem: 422, the request cannot be processed under that key. */
@RestControllerAdvice
@Order(Problems.FEATURE_HANDLER_ORDER)
class IdempotencyExceptionHandler {

    @ExceptionHandler
    ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
        return Problems.of(
                HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused", ex.getMessage());
    }
}
