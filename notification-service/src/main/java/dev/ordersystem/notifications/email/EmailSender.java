package dev.ordersystem.notifications.email;

import dev.ordersystem.events.MessageIds;
import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.notification.Notification;
import dev.ordersystem.notifications.notification.Notifications;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends due email deliveries every {@code notifications.email.poll-interval}. A run claims batches of due deliveries
 * ({@link EmailDeliveryRepository#claimDue}, with a token of its own) until a batch is not full, and sends each batch
 * over one SMTP connection, message by message: each delivery is marked SENT right after the server accepted its
 * message, so a crash resends at most the message in flight. Every update is guarded by the claim's token: a sender
 * whose lease ran out cannot change a row another instance has claimed since; it also stops sending a batch once its
 * lease is over. Each message carries the Message-ID {@link MessageIds} ({@code <notification-id@...>}), so a message
 * sent again is recognisable as the same one. Each send is a span of the trace of the event that caused the email
 * ({@link EmailSendSpans}). A failed attempt is retried with exponential backoff until
 * {@code max-attempts}, then the delivery is FAILED.
 *
 * <p>A lifecycle bean that stops first when the application shuts down: it claims nothing more, finishes the message in
 * flight, and gives the rest of its claimed batch back at once (due again for any instance).
 */
@Component
class EmailSender implements SchedulingConfigurer, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final EmailDeliveryRepository deliveries;
    private final Notifications notifications;
    private final JavaMailSenderImpl mailSender;
    private final NotificationsProperties.Email settings;
    private final EmailBackoff backoff;
    private final EmailSendSpans spans;
    private final EmailMetrics metrics;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicReference<@Nullable Runnable> whenStopped = new AtomicReference<>();
    private volatile boolean running;
    private volatile boolean claimFailing;

    EmailSender(
            EmailDeliveryRepository deliveries,
            Notifications notifications,
            JavaMailSenderImpl mailSender,
            NotificationsProperties properties,
            EmailSendSpans spans,
            EmailMetrics metrics) {
        this.deliveries = deliveries;
        this.notifications = notifications;
        this.mailSender = mailSender;
        this.settings = properties.email();
        this.backoff = new EmailBackoff(settings.initialBackoff(), settings.backoffMultiplier(), settings.maxBackoff());
        this.spans = spans;
        this.metrics = metrics;
        MailStreamProvider.nameTheImplementation();
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

    @Override
    public void start() {
        running = true;
    }

    /** Claims nothing more; the callback runs once the run in progress, if any, has ended. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        whenStopped.set(callback);
        if (!sending.get()) {
            runWhenStopped();
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Sends batches of due deliveries until a batch is not full, or the sender is stopped. */
    void sendAllDue() {
        sending.set(true);
        try {
            while (running && sendDue() == settings.batchSize()) {
                // a full batch: more may be due right now
            }
        } finally {
            sending.set(false);
            runWhenStopped();
        }
    }

    /** Claims one batch of due deliveries and sends them; returns how many were claimed. */
    int sendDue() {
        UUID token = UUID.randomUUID();
        long leaseEnds = System.nanoTime() + settings.claimLease().toNanos();
        List<DueDelivery> due;
        Map<UUID, Notification> contents;
        try {
            due = deliveries.claimDue(settings.batchSize(), settings.claimLease(), token);
            contents = notifications.findAll(
                    due.stream().map(DueDelivery::notificationId).toList());
        } catch (RuntimeException e) {
            claimFailed(e);
            return 0;
        }
        claimSucceeded();
        try (var smtp = new SmtpConnection(mailSender)) {
            for (int i = 0; i < due.size(); i++) {
                if (!running || System.nanoTime() >= leaseEnds) {
                    giveBack(due.subList(i, due.size()), token);
                    break;
                }
                DueDelivery delivery = due.get(i);
                try {
                    spans.send(delivery, () -> smtp.send(message(delivery, contents.get(delivery.notificationId()))));
                } catch (SmtpConnection.ConnectFailedException e) {
                    due.subList(i, due.size()).forEach(rest -> record(rest, token, e));
                    break;
                } catch (MessagingException e) {
                    if (!record(delivery, token, e)) {
                        break;
                    }
                    continue;
                }
                if (!record(delivery, token, null)) {
                    break; // the database is gone: what is sent now could not be marked, and would be sent again
                }
            }
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

    /**
     * Records the outcome of one attempt, sent when {@code failure} is null; false if the database could not be
     * reached (the row is due again when its lease ends).
     */
    private boolean record(DueDelivery delivery, UUID token, @Nullable Exception failure) {
        try {
            boolean held = failure == null ? recordSent(delivery, token) : recordFailure(delivery, token, failure);
            if (!held) {
                log.warn(
                        "The claim of the email of notification {} ran out before its attempt was recorded; another"
                                + " instance has it now, and may send it again",
                        delivery.notificationId());
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not record the attempt of notification {}: {}", delivery.notificationId(), e.toString());
            return false;
        }
    }

    private boolean recordSent(DueDelivery delivery, UUID token) {
        if (!deliveries.markSent(delivery.notificationId(), token)) {
            return false;
        }
        metrics.sent();
        log.debug("Sent email of notification {} to {}", delivery.notificationId(), delivery.recipient());
        return true;
    }

    private boolean recordFailure(DueDelivery delivery, UUID token, Exception e) {
        int attempts = delivery.attempts() + 1;
        boolean giveUp = attempts >= settings.maxAttempts();
        var retryIn = backoff.after(attempts);
        if (!deliveries.markAttemptFailed(delivery.notificationId(), token, describe(e), retryIn, giveUp)) {
            return false;
        }
        if (giveUp) {
            metrics.gaveUp();
            log.error(
                    "Giving up the email of notification {} after {} attempts: {}",
                    delivery.notificationId(),
                    attempts,
                    describe(e));
        } else {
            metrics.attemptFailed();
            log.warn(
                    "Attempt {} to send the email of notification {} failed, next in {}: {}",
                    attempts,
                    delivery.notificationId(),
                    retryIn,
                    describe(e));
        }
        return true;
    }

    /** Claimed deliveries that were not attempted are due again at once, for any instance. */
    private void giveBack(List<DueDelivery> unsent, UUID token) {
        try {
            deliveries.release(unsent.stream().map(DueDelivery::notificationId).toList(), token);
            log.info("Gave back {} claimed email deliveries unsent", unsent.size());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not give back {} claimed deliveries (due again when their lease ends): {}",
                    unsent.size(),
                    e.toString());
        }
    }

    /** Logged at WARN once while claiming keeps failing (the database is down), not every poll. */
    private void claimFailed(RuntimeException e) {
        if (!claimFailing) {
            claimFailing = true;
            log.warn(
                    "Could not claim due email deliveries, retrying every {}: {}",
                    settings.pollInterval(),
                    e.toString());
        } else {
            log.debug("Could not claim due email deliveries: {}", e.toString());
        }
    }

    private void claimSucceeded() {
        if (claimFailing) {
            claimFailing = false;
            log.info("Claiming due email deliveries works again");
        }
    }

    private void runWhenStopped() {
        Runnable callback = whenStopped.getAndSet(null);
        if (callback != null) {
            callback.run();
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
