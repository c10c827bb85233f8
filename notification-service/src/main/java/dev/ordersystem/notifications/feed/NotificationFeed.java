package dev.ordersystem.notifications.feed;

import dev.ordersystem.notifications.email.EmailDeliveries;
import dev.ordersystem.notifications.email.EmailState;
import dev.ordersystem.notifications.notification.Notification;
import dev.ordersystem.notifications.notification.Notifications;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** A customer's feed and single notifications, each with the state of its email. */
@Service
public record NotificationFeed(Notifications notifications, EmailDeliveries emails) {

    /** Page {@code page} (from 0) of the customer's notifications, newest first. */
    public FeedPage page(String customerId, int page, int size) {
        long offset = (long) page * size;
        List<Notification> items =
                offset > Integer.MAX_VALUE ? List.of() : notifications.page(customerId, (int) offset, size);
        Map<UUID, EmailState> states =
                emails.statesOf(items.stream().map(Notification::id).toList());
        return new FeedPage(
                items.stream().map(n -> new FeedEntry(n, states.get(n.id()))).toList(),
                page,
                size,
                notifications.count(customerId));
    }

    /** @throws NotificationNotFoundException no notification has this id */
    public FeedEntry get(UUID id) {
        Notification notification = notifications.find(id).orElseThrow(() -> new NotificationNotFoundException(id));
        return new FeedEntry(notification, emails.statesOf(List.of(id)).get(id));
    }
}
