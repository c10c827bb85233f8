package dev.ordersystem.notifications.notification;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.OrderEvent;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creates the notification of an event, inside the caller's transaction. */
@Service
public class NotificationService {

    private final NotificationRepository repository;
    private final ApplicationEventPublisher events;

    NotificationService(NotificationRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /**
     * Renders and stores the notification of the event for its customer and publishes {@link NotificationCreated}.
     * Must run in the transaction that also records the event as processed, so that both or neither are stored.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Notification create(EventEnvelope envelope) {
        OrderEvent event = envelope.payload();
        Notification notification = repository.insert(
                UUID.randomUUID(),
                envelope.eventId(),
                envelope.eventType(),
                event.customerId(),
                event.orderId(),
                event.customerEmail(),
                NotificationTemplates.render(event),
                envelope.occurredAt());
        events.publishEvent(new NotificationCreated(notification));
        return notification;
    }
}
