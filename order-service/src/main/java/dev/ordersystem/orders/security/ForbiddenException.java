package dev.ordersystem.orders.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * The caller is known but may not do this, for a reason the answer may tell (it becomes the problem's {@code detail}):
 * a 403 like the ones of the URL rules, with the same problem type and {@code WWW-Authenticate} header.
 */
public class ForbiddenException extends AccessDeniedException {

    public ForbiddenException(String reason) {
        super(reason);
    }
}
