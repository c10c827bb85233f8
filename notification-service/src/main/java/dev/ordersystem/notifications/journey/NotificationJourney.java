package dev.ordersystem.notifications.journey;

import dev.ordersystem.events.Topics;
import dev.ordersystem.notifications.email.EmailDeliveryStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The events of one order that this service consumed. */
@Schema(
        name = "NotificationJourney",
        description = "Each event of the order that this service consumed (the ops console joins them with the order"
                + " service's journey by eventId)")
record NotificationJourney(
        @Schema(description = "The order's id, the Kafka key of its events")
        UUID orderId,

        @Schema(
                description = "The processed events in processing order, then those blocked behind a dead"
                        + " letter in arrival order; empty for an order this service has not seen")
        List<Event> events) {

    @Schema(name = "NotificationJourneyEvent", description = "One event of the order, as this service consumed it")
    record Event(
            @Schema(
                    description = "The event's id, unique per event; the key of the join with the order service's"
                            + " journey")
            UUID eventId,

            @Schema(description = "The event type", example = "OrderPlaced")
            String eventType,

            @Schema(description = "The topic it was consumed from", example = Topics.ORDER_EVENTS)
            String topic,

            @Schema(description = "The partition it was consumed from")
            int partition,

            @Schema(description = "Its offset in that partition")
            long offset,

            @Schema(
                    nullable = true,
                    description = "The Kafka record's timestamp: when its producer, the relay, sent it"
                            + " (CreateTime; the broker's append time on a topic with LogAppendTime); null for"
                            + " events consumed before this service stored it")
            @Nullable
            Instant recordTimestamp,

            @Schema(
                    nullable = true,
                    description =
                            "When this service processed it (the inbox transaction's time); null while" + " blocked")
            @Nullable
            Instant processedAt,

            @Schema(
                    description = "True when it waits, parked, behind a dead letter of its order and is not"
                            + " processed yet (see GET /ops/dead-letters)")
            boolean blocked,

            @Schema(nullable = true, description = "The notification it created; null if none (yet)") @Nullable
            UUID notificationId,

            @Schema(nullable = true, description = "Its email's status; null without an email") @Nullable
            EmailDeliveryStatus emailStatus,

            @Schema(nullable = true, description = "When the SMTP server accepted the email; null until then") @Nullable
            Instant emailSentAt,

            @Schema(
                    nullable = true,
                    description = "W3C trace id that the email's processing and send belong to (the trace UI"
                            + " shows it at <zipkin>/zipkin/traces/<traceId>); null without an email or"
                            + " without a trace",
                    example = "4bf92f3577b34da6a3ce929d0e0e4736")
            @Nullable
            String traceId) {}
}
