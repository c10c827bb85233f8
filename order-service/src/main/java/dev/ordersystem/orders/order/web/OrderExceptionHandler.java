package dev.ordersystem.orders.order.web;

import dev.ordersystem.orders.order.IllegalTransitionException;
import dev.ordersystem.orders.order.OrderNotFoundException;
import dev.ordersystem.orders.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The order domain's failures as problems: an unknown order is a 404, an illegal transition a 409. */
@RestControllerAdvice
@Order(Problems.FEATURE_HANDLER_ORDER)
class OrderExceptionHandler {

    @ExceptionHandler
    ProblemDetail notFound(OrderNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail illegalTransition(IllegalTransitionException ex) {
        var problem =
                Problems.of(HttpStatus.CONFLICT, "illegal-transition", "Illegal state transition", ex.getMessage());
        problem.setProperty("orderStatus", ex.status().name());
        return problem;
    }
}
