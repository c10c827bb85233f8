package dev.ordersystem.notifications.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The email sender's counters: accepted by the SMTP server, attempts that failed and will be retried, given up. */
@Component
class EmailMetrics {

    private final Counter sent;
    private final Counter failedAttempts;
    private final Counter failed;

    EmailMetrics(MeterRegistry meters) {
        sent = Counter.builder("notifications.email.sent")
                .description("Emails the SMTP server accepted")
                .register(meters);
        failedAttempts = Counter.builder("notifications.email.attempts.failed")
                .description("Send attempts that failed and will be retried")
                .register(meters);
        failed = Counter.builder("notifications.email.failed")
                .description("Deliveries given up after the last attempt")
                .register(meters);
    }

    void sent() {
        sent.increment();
    }

    void attemptFailed() {
        failedAttempts.increment();
    }

    void gaveUp() {
        failed.increment();
    }
}
