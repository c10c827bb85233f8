package dev.ordersystem.notifications.email;

import dev.ordersystem.notifications.notification.NotificationCreated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Adds a PENDING delivery for every new notification. A plain (synchronous) listener: it runs in the transaction that
 * creates the notification, so a notification never exists without its delivery.
 */
@Component
class EmailDeliveryCreator {

    private final EmailDeliveryRepository deliveries;

    EmailDeliveryCreator(EmailDeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @EventListener
    void onCreated(NotificationCreated created) {
        deliveries.insertPending(
                created.notification().id(), created.notification().recipient());
    }
}
