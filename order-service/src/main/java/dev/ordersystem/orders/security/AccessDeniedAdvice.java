package dev.ordersystem.orders.security;

import dev.ordersystem.orders.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A 403 decided in a controller (an ownership rule, {@link ForbiddenException}) is answered exactly like one of the URL
 * rules; without this the generic problem handler's catch-all would make it a 500.
 */
@RestControllerAdvice
@Order(Problems.FEATURE_HANDLER_ORDER)
class AccessDeniedAdvice {

    private final BearerProblems problems;

    AccessDeniedAdvice(BearerProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    void accessDenied(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        problems.handle(request, response, ex);
    }
}
