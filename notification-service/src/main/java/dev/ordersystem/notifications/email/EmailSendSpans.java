package dev.ordersystem.notifications.email;

import dev.ordersystem.events.EventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.mail.MessagingException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Traces each SMTP send as a span of the trace its delivery was created in: the send runs later, on the sender's
 * thread, so its parent is the trace context stored with the delivery ({@link DueDelivery#traceParent()}), read back
 * by the tracer's own W3C propagator. A delivery without one is sent in a trace of its own.
 */
@Component
class EmailSendSpans {

    /** The name of the span of one send. */
    static final String SPAN_NAME = "email send";

    private final Tracer tracer;
    private final Propagator propagator;

    EmailSendSpans(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Runs the send of the delivery's email in its span; the span records a failure of the send. */
    void send(DueDelivery delivery, Send send) throws MessagingException {
        Span span = parentOf(delivery)
                .name(SPAN_NAME)
                .kind(Span.Kind.CLIENT)
                .remoteServiceName("smtp")
                .tag("notification.id", delivery.notificationId().toString())
                .tag("email.attempt", Integer.toString(delivery.attempts() + 1))
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            send.run();
        } catch (MessagingException | RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private Span.Builder parentOf(DueDelivery delivery) {
        String traceParent = delivery.traceParent();
        return traceParent == null
                ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of(EventHeaders.TRACE_PARENT, traceParent), Map::get);
    }

    /** One SMTP send. */
    @FunctionalInterface
    interface Send {
        void run() throws MessagingException;
    }
}
