package dev.ordersystem.notifications.feed.web;

/**
 * The caller may not read this customer's feed. Answered like a feed that does not exist, so that a customer cannot
 * tell another customer's id from an unknown one.
 */
class CustomerFeedNotFoundException extends RuntimeException {

    CustomerFeedNotFoundException(String customerId) {
        super("No notifications of customer " + customerId);
    }
}
