package dev.ordersystem.notifications.security;

/** The roles of the {@code roles} claim that this service knows; each is the authority {@code ROLE_<role>}. */
final class Roles {

    /** May read their own notifications. */
    static final String CUSTOMER = "customer";

    /** Support: may read any customer's notifications. */
    static final String STAFF = "staff";

    /** May see the operator endpoints and re-drive or discard dead letters. */
    static final String OPERATOR = "operator";

    /** May see the operator endpoints, read-only. */
    static final String VIEWER = "viewer";

    private Roles() {}

    static String authority(String role) {
        return "ROLE_" + role;
    }
}
