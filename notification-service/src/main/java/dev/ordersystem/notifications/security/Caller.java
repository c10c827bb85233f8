package dev.ordersystem.notifications.security;

import org.springframework.security.core.Authentication;

/**
 * Who calls, as far as the feed cares: a customer, who reads only their own notifications, or staff, who read any.
 * The security filter chain lets no one else reach the feed.
 *
 * @param id the caller's name: the customer id of a customer ({@code notifications.security.customer-id-claim})
 * @param staff whether the caller has the role {@code staff}
 */
public record Caller(String id, boolean staff) {

    public static Caller of(Authentication authentication) {
        String staff = Roles.authority(Roles.STAFF);
        return new Caller(
                authentication.getName(),
                authentication.getAuthorities().stream().anyMatch(a -> staff.equals(a.getAuthority())));
    }

    /** Whether the caller may read this customer's notifications: their own, or anyone's as staff. */
    public boolean mayRead(String customerId) {
        return staff || id.equals(customerId);
    }
}
