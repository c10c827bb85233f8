package dev.ordersystem.notifications.email;

import dev.ordersystem.events.MessageIds;
import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.notification.Notification;
import dev.ordersystem.notifications.notification.Notifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends due email deliveries every {@code notifications.email.poll-interval}. Each message carries the Message-ID
 * {@link MessageIds} ({@code <notification-id@...>}), so a message sent again (after a crash between the SMTP server accepting it
 * and the row being marked SENT) is recognisable as the same one. A failed attempt is retried with exponential backoff
 * until {@code max-attempts}, then the delivery is FAILED.
 */
@Component
class EmailSender implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final EmailDeliveryRepository deliveries;
    private final Notifications notifications;
    private final JavaMailSender mailSender;
    private final NotificationsProperties.Email settings;
    private final EmailBackoff backoff;
    private final Counter sent;
    private final Counter failedAttempts;
    private final Counter failed;

    EmailSender(
            EmailDeliveryRepository deliveries,
            Notifications notifications,
            JavaMailSender mailSender,
            NotificationsProperties properties,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.notifications = notifications;
        this.mailSender = mailSender;
        this.settings = properties.email();
        this.backoff = new EmailBackoff(settings.initialBackoff(), settings.backoffMultiplier(), settings.maxBackoff());
        this.sent = Counter.builder("notifications.email.sent")
                .description("Emails the SMTP server accepted")
                .register(meters);
        this.failedAttempts = Counter.builder("notifications.email.attempts.failed")
                .description("Send attempts that failed and will be retried")
                .register(meters);
        this.failed = Counter.builder("notifications.email.failed")
                .description("Deliveries given up after the last attempt")
                .register(meters);
    }

    /** Message-ID of the email of a notification. */
    static String messageId(UUID notificationId) {
        return MessageIds.of(notificationId);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (settings.enabled()) {
            registrar.addFixedDelayTask(this::sendAllDue, settings.pollInterval());
        } else {
            log.info("Sending email is disabled (notifications.email.enabled=false); deliveries stay PENDING");
        }
    }

    /** Sends batches of due deliveries until a batch is not full. */
    void sendAllDue() {
        while (sendDue() == settings.batchSize()) {
            // a full batch: more may be due right now
        }
    }

    /**
     * Claims one batch of due deliveries and sends them over one SMTP connection (a connection per message would cap
     * the rate at a few dozen a second); returns how many were claimed.
     */
    int sendDue() {
        List<DueDelivery> due;
        Map<UUID, Notification> contents;
        try {
            due = deliveries.claimDue(settings.batchSize(), settings.claimLease());
            contents = notifications.findAll(
                    due.stream().map(DueDelivery::notificationId).toList());
        } catch (RuntimeException e) {
            // claimed rows (if any) are due again when their lease ends
            log.warn("Could not claim due email deliveries: {}", e.toString());
            return 0;
        }
        if (due.isEmpty()) {
            return 0;
        }
        Map<MimeMessage, DueDelivery> messages = new LinkedHashMap<>();
        for (DueDelivery delivery : due) {
            try {
                messages.put(message(delivery, contents.get(delivery.notificationId())), delivery);
            } catch (MessagingException e) {
                record(delivery, e);
            }
        }
        Map<Object, Exception> failures = Map.of();
        Exception all = null;
        try {
            mailSender.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failures = e.getFailedMessages();
            all = failures.isEmpty() ? e : null;
        } catch (MailException e) {
            all = e;
        }
        for (var entry : messages.entrySet()) {
            Exception failure = all != null ? all : failures.get(entry.getKey());
            record(entry.getValue(), failure);
        }
        return due.size();
    }

    /** The email of a delivery; its notification exists (the table's foreign key says so). */
    private MimeMessage message(DueDelivery delivery, @Nullable Notification notification) throws MessagingException {
        if (notification == null) {
            throw new MessagingException("No notification " + delivery.notificationId());
        }
        MimeMessage message = mailSender.createMimeMessage();
        var helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(delivery.recipient());
        helper.setSubject(notification.subject());
        helper.setText(notification.body(), false);
        message.setHeader("Message-ID", messageId(delivery.notificationId()));
        return message;
    }

    /** Records the outcome of one attempt: sent when {@code failure} is null. */
    private void record(DueDelivery delivery, @Nullable Exception failure) {
        try {
            if (failure != null) {
                recordFailure(delivery, failure);
                return;
            }
            deliveries.markSent(delivery.notificationId());
            sent.increment();
            log.debug("Sent email of notification {} to {}", delivery.notificationId(), delivery.recipient());
        } catch (RuntimeException e) {
            // e.g. the database went away after the send: the row is due again when its lease ends
            log.warn("Could not record the attempt of notification {}: {}", delivery.notificationId(), e.toString());
        }
    }

    private void recordFailure(DueDelivery delivery, Exception e) {
        int attempts = delivery.attempts() + 1;
        boolean giveUp = attempts >= settings.maxAttempts();
        var retryIn = backoff.after(attempts);
        deliveries.markAttemptFailed(delivery.notificationId(), describe(e), retryIn, giveUp);
        if (giveUp) {
            failed.increment();
            log.error(
                    "Giving up the email of notification {} after {} attempts: {}",
                    delivery.notificationId(),
                    attempts,
                    describe(e));
        } else {
            failedAttempts.increment();
            log.warn(
                    "Attempt {} to send the email of notification {} failed, next in {}: {}",
                    attempts,
                    delivery.notificationId(),
                    retryIn,
                    describe(e));
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? message : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
