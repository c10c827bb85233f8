package dev.ordersystem.notifications.email;

import static dev.ordersystem.notifications.support.TestEvents.placed;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.TestSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EmailTracingIntegrationTests extends IntegrationTestSupport {

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void consumingTheInboxTransactionAndTheEmailSendContinueTheTraceOfTheEventsTraceparent() {
        String traceId = randomHex(16);
        String producerSpanId = randomHex(8);
        String order = uniqueOrder();
        EventEnvelope sample = placed(order, uniqueCustomer());
        publish(new EventEnvelope(
                sample.eventId(),
                sample.eventType(),
                sample.schemaVersion(),
                sample.occurredAt(),
                sample.aggregateId(),
                "00-" + traceId + "-" + producerSpanId + "-01",
                sample.payload()));

        await().atMost(WAIT).untilAsserted(() -> {
            List<SpanData> trace = TestSpans.ofTrace(spans, traceId);
            SpanData consumer = first(trace, span -> span.getKind() == SpanKind.CONSUMER);
            SpanData inbox = first(trace, span -> span.getName().equals("inbox transaction"));
            SpanData send = first(trace, span -> span.getName().equals("email send"));
            assertThat(consumer.getParentSpanId())
                    .as("the consumer's parent: the traceparent header")
                    .isEqualTo(producerSpanId);
            assertThat(inbox.getParentSpanId()).isEqualTo(consumer.getSpanId());
            assertThat(send.getParentSpanId()).isEqualTo(inbox.getSpanId());
            assertThat(send.getKind()).isEqualTo(SpanKind.CLIENT);
        });
        SpanData inbox =
                first(TestSpans.ofTrace(spans, traceId), span -> span.getName().equals("inbox transaction"));
        UUID notification = jdbc.sql("select id from notifications where order_id = :order")
                .param("order", order)
                .query(UUID.class)
                .single();
        assertThat(jdbc.sql("select trace_parent from email_deliveries where notification_id = :id")
                        .param("id", notification)
                        .query(String.class)
                        .single())
                .as("the delivery keeps the context of the inbox transaction")
                .isEqualTo("00-" + traceId + "-" + inbox.getSpanId() + "-01");
    }

    private static SpanData first(List<SpanData> trace, Predicate<SpanData> which) {
        return trace.stream()
                .filter(which)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no such span in " + trace));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
