package dev.ordersystem.notifications.notification;

import java.util.List;

/**
 * Notifications read by commit: those whose transactions committed by {@code snapshot}, oldest first.
 *
 * @param snapshot a PostgreSQL {@code pg_snapshot} in its text form ({@code xmin:xmax:xip,...}): the transactions
 *     whose commits the read saw; the next read asks for what committed after it
 */
public record CommittedNotifications(String snapshot, List<Notification> notifications) {

    public CommittedNotifications {
        notifications = List.copyOf(notifications);
    }
}
