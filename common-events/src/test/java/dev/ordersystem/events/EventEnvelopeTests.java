package dev.ordersystem.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventEnvelopeTests {

    private final OrderEvent paid = OrderEventSamples.sample(EventType.ORDER_PAID);

    @Test
    void ofFillsTheMetadataFromTheEvent() {
        EventEnvelope envelope = EventEnvelope.of(paid, OrderEventSamples.OCCURRED_AT, OrderEventSamples.TRACE_PARENT);

        assertThat(envelope.eventId()).isNotNull();
        assertThat(envelope.eventType()).isEqualTo("OrderPaid");
        assertThat(envelope.schemaVersion()).isEqualTo(1);
        assertThat(envelope.aggregateId()).isEqualTo(paid.orderId());
        assertThat(envelope.traceParent()).isEqualTo(OrderEventSamples.TRACE_PARENT);
        assertThat(envelope.payload()).isSameAs(paid);
    }

    @Test
    void ofGivesEveryEventItsOwnId() {
        assertThat(EventEnvelope.of(paid, OrderEventSamples.OCCURRED_AT, null).eventId())
                .isNotEqualTo(EventEnvelope.of(paid, OrderEventSamples.OCCURRED_AT, null)
                        .eventId());
    }

    @Test
    void rejectsAggregateIdThatDiffersFromTheOrderId() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EventEnvelope(
                        UUID.randomUUID(), "OrderPaid", 1, OrderEventSamples.OCCURRED_AT, "other-order", null, paid))
                .withMessageContaining("aggregateId");
    }

    @Test
    void rejectsEventTypeThatDoesNotMatchThePayload() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EventEnvelope(
                        UUID.randomUUID(),
                        "OrderShipped",
                        1,
                        OrderEventSamples.OCCURRED_AT,
                        paid.orderId(),
                        null,
                        paid))
                .withMessageContaining("eventType");
    }

    @Test
    void rejectsSchemaVersionItDoesNotKnow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EventEnvelope(
                        UUID.randomUUID(), "OrderPaid", 2, OrderEventSamples.OCCURRED_AT, paid.orderId(), null, paid));
    }

    @Test
    void rejectsTraceParentThatIsNotW3c() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventEnvelope.of(paid, OrderEventSamples.OCCURRED_AT, "abc"));
    }

    @Test
    void rejectsMissingFields() {
        assertThatNullPointerException()
                .isThrownBy(() -> new EventEnvelope(
                        null, "OrderPaid", 1, OrderEventSamples.OCCURRED_AT, paid.orderId(), null, paid))
                .withMessageContaining("eventId");
    }
}
