package dev.ordersystem.console.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is logged in and what the page may offer them ({@code GET /api/me}), and the CSRF token for its POSTs. */
@RestController
class MeController {

    record Me(String name, boolean operator, String csrfHeader, String csrfToken) {}

    @GetMapping("/api/me")
    Me me(Authentication user, CsrfToken csrf) {
        boolean operator = user.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + SecurityConfiguration.OPERATOR));
        return new Me(user.getName(), operator, csrf.getHeaderName(), csrf.getToken());
    }
}
