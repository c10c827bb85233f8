package dev.ordersystem.notifications.feed;

import java.util.UUID;

/** No notification has this id. */
public class NotificationNotFoundException extends RuntimeException {

    public NotificationNotFoundException(UUID id) {
        super("No notification with id " + id);
    }
}
