package dev.ordersystem.orders.security;

import dev.ordersystem.orders.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problems: Spring Security's bearer token handlers set the status and the RFC 6750 {@code
 * WWW-Authenticate} header ({@code Bearer}, with {@code error="invalid_token"} or {@code
 * error="insufficient_scope"}), then this writes the {@code application/problem+json} body.
 */
class BearerProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler accessDeniedHandler = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        entryPoint.commence(request, response, ex);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            String detail = request.getHeader("Authorization") == null
                    ? "This request needs a bearer token: Authorization: Bearer <access token>"
                    : "The bearer token is not valid: expired, not signed by the issuer's keys, or from another issuer";
            Problems.write(
                    request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail));
        } else { // a malformed Authorization header: 400 invalid_request
            Problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.valueOf(response.getStatus()),
                            "invalid-request",
                            "Invalid request",
                            "The Authorization header is not a well-formed bearer token"));
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        accessDeniedHandler.handle(request, response, ex);
        String detail =
                ex instanceof ForbiddenException ? ex.getMessage() : "The token does not grant access to this resource";
        Problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail));
    }
}
