package dev.ordersystem.orders.security;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who sends the request, from the claims of its bearer token: a controller method declares a parameter of this type to
 * get it. Staff act for any customer; customers act for themselves only, with the customer id and email address of
 * their token.
 */
public final class Caller {

    static final String CUSTOMER = "customer";
    static final String STAFF = "staff";
    static final String OPERATOR = "operator";
    static final String VIEWER = "viewer";

    private final String subject;
    private final Set<String> roles;
    private final @Nullable String customerId;
    private final @Nullable String email;

    Caller(String subject, Set<String> roles, @Nullable String customerId, @Nullable String email) {
        this.subject = subject;
        this.roles = Set.copyOf(roles);
        this.customerId = customerId;
        this.email = email;
    }

    /** The token's {@code sub}: a user or a machine client, whatever the provider calls it. */
    public String subject() {
        return subject;
    }

    public boolean isStaff() {
        return roles.contains(STAFF);
    }

    /**
     * The caller's own customer id.
     *
     * @throws ForbiddenException if the caller is no customer or the token names none
     */
    public String customerId() {
        if (!roles.contains(CUSTOMER)) {
            throw new ForbiddenException("Only customers and staff may do this");
        }
        if (customerId == null || customerId.isBlank()) {
            throw new ForbiddenException("The token names no customer");
        }
        return customerId;
    }

    /**
     * The customer's email address.
     *
     * @throws ForbiddenException if the caller is no customer or the token has no address
     */
    public String email() {
        customerId();
        if (email == null || email.isBlank()) {
            throw new ForbiddenException("The token has no email address");
        }
        return email;
    }

    @Override
    public String toString() {
        return "Caller[" + subject + ", roles " + roles + "]";
    }
}
