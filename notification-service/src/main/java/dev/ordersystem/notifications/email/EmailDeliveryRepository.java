package dev.ordersystem.notifications.email;

import dev.ordersystem.events.EventHeaders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code email_deliveries} table, which only this package reads or writes. All times come from the database clock.
 */
@Repository
class EmailDeliveryRepository {

    private static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcClient jdbc;

    EmailDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPending(UUID notificationId, String recipient, @Nullable String traceParent) {
        jdbc.sql("insert into email_deliveries (notification_id, recipient, status, next_attempt_at, trace_parent)"
                        + " values (:id, :recipient, :status, clock_timestamp(), :traceParent)")
                .param("id", notificationId)
                .param("recipient", recipient)
                .param("traceParent", traceParent)
                .param("status", EmailDeliveryStatus.PENDING.name())
                .update();
    }

    /**
     * Claims up to {@code limit} due deliveries for the claim {@code token}: locks them with {@code FOR UPDATE SKIP
     * LOCKED} (rows another instance is claiming right now are skipped, not waited for), stamps them with the token and
     * moves their {@code next_attempt_at} to the end of the lease ({@code claimed_until}), so that no other instance
     * picks them up while this one sends. If this instance dies mid-send, the rows become due again when the lease
     * ends; the updates below only apply while a row still carries the token.
     */
    List<DueDelivery> claimDue(int limit, Duration lease, UUID token) {
        // the status is written into the statement, not bound: the partial index of due rows needs it at plan time
        return jdbc.sql("""
                        with due as (
                            select notification_id from email_deliveries
                            where status = '%s' and next_attempt_at <= clock_timestamp()
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        update email_deliveries d
                        set next_attempt_at = clock_timestamp() + make_interval(secs => :leaseSeconds),
                            claimed_until = clock_timestamp() + make_interval(secs => :leaseSeconds),
                            claim_token = :token
                        from due
                        where d.notification_id = due.notification_id
                        returning d.notification_id, d.recipient, d.attempts, d.trace_parent
                        """.formatted(EmailDeliveryStatus.PENDING))
                .param("limit", limit)
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("token", token)
                .query((rs, row) -> new DueDelivery(
                        rs.getObject("notification_id", UUID.class),
                        rs.getString("recipient"),
                        rs.getInt("attempts"),
                        rs.getString("trace_parent")))
                .list();
    }

    /** The SMTP server accepted the email: SENT, if the claim still holds the row. */
    boolean markSent(UUID notificationId, UUID token) {
        return jdbc.sql("update email_deliveries set status = :status, attempts = attempts + 1,"
                                + " last_attempt_at = clock_timestamp(), sent_at = clock_timestamp(), last_error = null,"
                                + " claim_token = null, claimed_until = null"
                                + " where notification_id = :id and claim_token = :token")
                        .param("id", notificationId)
                        .param("token", token)
                        .param("status", EmailDeliveryStatus.SENT.name())
                        .update()
                == 1;
    }

    /**
     * Records a failed attempt, if the claim still holds the row: due again after {@code retryIn}, or FAILED for good
     * when {@code giveUp}. A late failure can never turn back a row that another claim has marked SENT since.
     */
    boolean markAttemptFailed(UUID notificationId, UUID token, String error, Duration retryIn, boolean giveUp) {
        return jdbc.sql("update email_deliveries set attempts = attempts + 1, last_attempt_at = clock_timestamp(),"
                                + " last_error = :error, status = :status,"
                                + " next_attempt_at = clock_timestamp() + make_interval(secs => :retrySeconds),"
                                + " claim_token = null, claimed_until = null"
                                + " where notification_id = :id and claim_token = :token")
                        .param("id", notificationId)
                        .param("token", token)
                        .param(
                                "error",
                                error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error)
                        .param("status", (giveUp ? EmailDeliveryStatus.FAILED : EmailDeliveryStatus.PENDING).name())
                        .param("retrySeconds", retryIn.toMillis() / 1000.0)
                        .update()
                == 1;
    }

    /** Gives back claimed rows that were not attempted: due again at once, for any instance. */
    void release(Collection<UUID> notificationIds, UUID token) {
        if (notificationIds.isEmpty()) {
            return;
        }
        jdbc.sql("update email_deliveries set next_attempt_at = clock_timestamp(), claim_token = null,"
                        + " claimed_until = null where notification_id in (:ids) and claim_token = :token")
                .param("ids", notificationIds)
                .param("token", token)
                .update();
    }

    /** The state of the deliveries of these notifications, with their trace ids, by notification id. */
    Map<UUID, TracedEmailState> states(Collection<UUID> notificationIds) {
        Map<UUID, TracedEmailState> states = new HashMap<>();
        jdbc.sql("select notification_id, status, attempts, next_attempt_at, sent_at, last_error, trace_parent"
                        + " from email_deliveries where notification_id in (:ids)")
                .param("ids", notificationIds)
                .query(rs -> {
                    states.put(
                            rs.getObject("notification_id", UUID.class),
                            new TracedEmailState(state(rs), EventHeaders.traceIdOf(rs.getString("trace_parent"))));
                });
        return states;
    }

    private static EmailState state(ResultSet rs) throws SQLException {
        var status = EmailDeliveryStatus.valueOf(rs.getString("status"));
        return new EmailState(
                status,
                rs.getInt("attempts"),
                status == EmailDeliveryStatus.PENDING ? instant(rs.getTimestamp("next_attempt_at")) : null,
                instant(rs.getTimestamp("sent_at")),
                rs.getString("last_error"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
