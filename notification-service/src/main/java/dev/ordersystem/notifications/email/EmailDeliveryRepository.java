package dev.ordersystem.notifications.email;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Delivery rows of the email channel. All times come from the database clock. */
@Repository
class EmailDeliveryRepository {

    private static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcClient jdbc;

    EmailDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPending(UUID notificationId, String recipient) {
        jdbc.sql("insert into email_deliveries (notification_id, recipient, status, next_attempt_at)"
                        + " values (:id, :recipient, 'PENDING', clock_timestamp())")
                .param("id", notificationId)
                .param("recipient", recipient)
                .update();
    }

    /**
     * Claims up to {@code limit} due deliveries: locks them with {@code FOR UPDATE SKIP LOCKED} (rows another
     * instance is claiming right now are skipped, not waited for) and moves their {@code next_attempt_at} past the
     * lease, so that no other instance picks them up while this one sends. If this instance dies mid-send, the rows
     * become due again when the lease ends.
     */
    List<DueDelivery> claimDue(int limit, Duration lease) {
        return jdbc.sql("""
                        with due as (
                            select notification_id from email_deliveries
                            where status = 'PENDING' and next_attempt_at <= clock_timestamp()
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        update email_deliveries d
                        set next_attempt_at = clock_timestamp() + make_interval(secs => :leaseSeconds)
                        from due, notifications n
                        where d.notification_id = due.notification_id and n.id = d.notification_id
                        returning d.notification_id, d.recipient, d.attempts, n.subject, n.body
                        """)
                .param("limit", limit)
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .query((rs, row) -> new DueDelivery(
                        rs.getObject("notification_id", UUID.class),
                        rs.getString("recipient"),
                        rs.getInt("attempts"),
                        rs.getString("subject"),
                        rs.getString("body")))
                .list();
    }

    void markSent(UUID notificationId) {
        jdbc.sql("update email_deliveries set status = 'SENT', attempts = attempts + 1,"
                        + " last_attempt_at = clock_timestamp(), sent_at = clock_timestamp(), last_error = null"
                        + " where notification_id = :id")
                .param("id", notificationId)
                .update();
    }

    /** Records a failed attempt: due again after {@code retryIn}, or FAILED for good when {@code giveUp}. */
    void markAttemptFailed(UUID notificationId, String error, Duration retryIn, boolean giveUp) {
        jdbc.sql("update email_deliveries set attempts = attempts + 1, last_attempt_at = clock_timestamp(),"
                        + " last_error = :error, status = case when :giveUp then 'FAILED' else 'PENDING' end,"
                        + " next_attempt_at = clock_timestamp() + make_interval(secs => :retrySeconds)"
                        + " where notification_id = :id")
                .param("id", notificationId)
                .param("error", error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error)
                .param("giveUp", giveUp)
                .param("retrySeconds", retryIn.toMillis() / 1000.0)
                .update();
    }
}
