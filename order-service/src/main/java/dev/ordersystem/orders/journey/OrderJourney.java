package dev.ordersystem.orders.journey;

import dev.ordersystem.orders.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An order and the events of it that are still in the outbox, oldest first. */
@Schema(
        name = "OrderJourney",
        description = "An order and each of its events still in the outbox, in commit order (the ops console joins"
                + " them with the notification service's journey by eventId)")
record OrderJourney(
        @Schema(description = "The order's id, also the Kafka key of its events")
        UUID orderId,

        @Schema(implementation = OrderStatus.class, description = "The order's status now")
        String status,

        @Schema(
                description = "True when the order has no outbox rows left: the relay's retention deleted them"
                        + " once their publication was confirmed and they were older than"
                        + " orders.relay.outbox-retention (the events are on Kafka, the list is empty)")
        boolean outboxRowsDeleted,

        @Schema(description = "The order's events still in the outbox, in commit order")
        List<Event> events) {

    /** Where an event's {@code committedAt} comes from. */
    enum CommitTimeSource {
        /** {@code pg_xact_commit_timestamp}: PostgreSQL's commit time of the writing transaction. */
        COMMIT_TIMESTAMP,
        /** The row's {@code created_at}: the time of the change, in the transaction, before its commit. */
        CREATED_AT
    }

    @Schema(name = "OrderJourneyEvent", description = "One event of the order, as the outbox holds it")
    record Event(
            @Schema(
                    description = "The event's id, unique per event; the key of the join with the notification"
                            + " service's journey")
            UUID eventId,

            @Schema(description = "The event type", example = "OrderPlaced")
            String eventType,

            @Schema(description = "Version of the event's payload schema", example = "1")
            int schemaVersion,

            @Schema(
                    description = "When the order's transaction committed the event (commitTimeSource says"
                            + " how it is known)",
                    example = "2026-11-29T10:15:30.123456Z")
            Instant committedAt,

            @Schema(
                    description = "COMMIT_TIMESTAMP: PostgreSQL's commit timestamp of the transaction"
                            + " (track_commit_timestamp=on, as the local stack and compose run it);"
                            + " CREATED_AT: the row's created_at, taken in the transaction before its commit"
                            + " (track_commit_timestamp off, or the commit time no longer kept)")
            CommitTimeSource commitTimeSource,

            @Schema(
                    nullable = true,
                    description = "W3C trace id of the request that caused the event (the trace UI shows it"
                            + " at <zipkin>/zipkin/traces/<traceId>); null if it had none",
                    example = "4bf92f3577b34da6a3ce929d0e0e4736")
            @Nullable
            String traceId,

            @Schema(
                    description = "True once the relay's publication of the event is confirmed: the"
                            + " replication slot has confirmed a retention watermark taken after the event's"
                            + " commit (watermarks are taken every orders.relay.retention-interval, so this"
                            + " turns true up to about two intervals after Kafka acknowledged the event)."
                            + " False: not confirmed yet, the event may be on Kafka already")
            boolean publishConfirmed) {}
}
