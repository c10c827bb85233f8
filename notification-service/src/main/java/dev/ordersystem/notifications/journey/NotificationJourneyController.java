package dev.ordersystem.notifications.journey;

import dev.ordersystem.notifications.email.EmailDeliveries;
import dev.ordersystem.notifications.email.EmailState;
import dev.ordersystem.notifications.email.TracedEmailState;
import dev.ordersystem.notifications.inbox.InboxEvent;
import dev.ordersystem.notifications.inbox.ProcessedEvents;
import dev.ordersystem.notifications.notification.Notification;
import dev.ordersystem.notifications.notification.Notifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The journey of one order through this service, for operators and viewers (the ops console). */
@RestController
@Tag(name = "Operations")
record NotificationJourneyController(ProcessedEvents inbox, Notifications notifications, EmailDeliveries emails) {

    @GetMapping(path = "/ops/orders/{orderId}/journey", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The journey of one order: the events this service consumed",
            description = "Continues the order service's GET /ops/orders/{id}/journey, per eventId. This service"
                    + " cannot know orders: an order it has not seen has no events (200).")
    @ApiResponse(responseCode = "200", description = "The order's events here, possibly none")
    NotificationJourney journey(@PathVariable UUID orderId) {
        List<InboxEvent> events = inbox.ofOrder(orderId.toString());
        Map<UUID, Notification> notified =
                notifications.ofEvents(events.stream().map(InboxEvent::eventId).toList());
        List<UUID> notificationIds =
                notified.values().stream().map(Notification::id).toList();
        Map<UUID, TracedEmailState> emailStates = emails.tracedStatesOf(notificationIds);
        return new NotificationJourney(
                orderId,
                events.stream()
                        .map(event -> {
                            Notification notification = notified.get(event.eventId());
                            UUID notificationId = notification == null ? null : notification.id();
                            TracedEmailState traced = notificationId == null ? null : emailStates.get(notificationId);
                            EmailState email = traced == null ? null : traced.state();
                            return new NotificationJourney.Event(
                                    event.eventId(),
                                    event.eventType(),
                                    event.topic(),
                                    event.partition(),
                                    event.offset(),
                                    event.recordTimestamp(),
                                    event.processedAt(),
                                    event.blocked(),
                                    notificationId,
                                    email == null ? null : email.status(),
                                    email == null ? null : email.sentAt(),
                                    traced == null ? null : traced.traceId());
                        })
                        .toList());
    }
}
