package dev.ordersystem.notifications.email;

import dev.ordersystem.notifications.notification.NotificationCreated;
import dev.ordersystem.web.TraceParents;
import io.micrometer.tracing.Tracer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Adds a PENDING delivery for every new notification. A plain (synchronous) listener: it runs in the transaction that
 * creates the notification, so a notification never exists without its delivery. The delivery keeps that transaction's
 * trace context, which the email's send continues.
 */
@Component
record EmailDeliveryCreator(EmailDeliveryRepository deliveries, Tracer tracer) {

    @EventListener
    void onCreated(NotificationCreated created) {
        deliveries.insertPending(
                created.notification().id(), created.notification().recipient(), TraceParents.current(tracer));
    }
}
