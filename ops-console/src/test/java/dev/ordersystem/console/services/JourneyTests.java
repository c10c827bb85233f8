package dev.ordersystem.console.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JourneyTests {

    private static final URI TRACE_UI = URI.create("http://localhost:9411/");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final UUID ORDER = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void joinsBothServicesEventsByEventIdWithTheLatenciesBetweenAndTheTraceLink() {
        UUID placed = UUID.randomUUID();
        UUID paid = UUID.randomUUID();
        UUID notification = UUID.randomUUID();
        Journey.Outbox outbox = new Journey.Outbox(
                ORDER,
                "PAID",
                false,
                List.of(
                        new Journey.OutboxEvent(placed, "OrderPlaced", T0, TRACE),
                        new Journey.OutboxEvent(paid, "OrderPaid", T0.plusSeconds(1), null)));
        Journey.Consumed consumed = new Journey.Consumed(List.of(new Journey.ConsumedEvent(
                placed,
                "OrderPlaced",
                3,
                42,
                T0.plusMillis(15),
                T0.plusMillis(40),
                false,
                notification,
                "SENT",
                T0.plusMillis(140),
                TRACE)));

        Journey journey = Journey.join(outbox, consumed, TRACE_UI);

        assertThat(journey.events()).hasSize(2);
        Journey.Event first = journey.events().get(0);
        assertThat(first.eventId()).isEqualTo(placed);
        assertThat(first.partition()).isEqualTo(3);
        assertThat(first.offset()).isEqualTo(42);
        assertThat(first.notificationId()).isEqualTo(notification);
        assertThat(first.emailStatus()).isEqualTo("SENT");
        assertThat(first.commitToRecordMs()).isEqualTo(15);
        assertThat(first.recordToProcessedMs()).isEqualTo(25);
        assertThat(first.processedToEmailMs()).isEqualTo(100);
        assertThat(first.traceUrl()).isEqualTo(URI.create("http://localhost:9411/zipkin/traces/" + TRACE));
        Journey.Event second = journey.events().get(1);
        assertThat(second.eventId()).isEqualTo(paid);
        assertThat(second.partition()).as("not consumed yet").isNull();
        assertThat(second.commitToRecordMs()).isNull();
        assertThat(second.traceUrl()).isNull();
    }

    @Test
    void keepsConsumedEventsWhoseOutboxRowsAreGoneAfterTheOutboxOnesWithoutCommitTime() {
        UUID placed = UUID.randomUUID();
        Journey.Outbox outbox = new Journey.Outbox(ORDER, "SHIPPED", true, List.of());
        Journey.Consumed consumed = new Journey.Consumed(List.of(new Journey.ConsumedEvent(
                placed, "OrderPlaced", 1, 7, T0, T0.plusMillis(5), false, null, null, null, null)));

        Journey journey = Journey.join(outbox, consumed, TRACE_UI);

        assertThat(journey.outboxRowsDeleted()).isTrue();
        assertThat(journey.events()).singleElement().satisfies(event -> {
            assertThat(event.eventId()).isEqualTo(placed);
            assertThat(event.committedAt()).isNull();
            assertThat(event.commitToRecordMs()).isNull();
            assertThat(event.recordToProcessedMs()).isEqualTo(5);
            assertThat(event.offset()).isEqualTo(7);
        });
    }

    @Test
    void linksNoTraceForAnIdThatIsNotAW3cTraceId() {
        Journey.Outbox outbox = new Journey.Outbox(
                ORDER,
                "PLACED",
                false,
                List.of(new Journey.OutboxEvent(UUID.randomUUID(), "OrderPlaced", T0, "x/../y")));

        assertThat(Journey.join(outbox, new Journey.Consumed(List.of()), TRACE_UI)
                        .events())
                .singleElement()
                .satisfies(event -> assertThat(event.traceUrl()).isNull());
    }
}
