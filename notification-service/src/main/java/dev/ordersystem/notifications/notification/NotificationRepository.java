package dev.ordersystem.notifications.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain-JDBC storage of notifications, and the feed's read model (a notification with its email's state). */
@Repository
class NotificationRepository {

    private static final String COLUMNS = "n.id, n.seq, n.event_id, n.event_type, n.customer_id, n.order_id,"
            + " n.recipient, n.subject, n.body, n.occurred_at, n.created_at";

    private static final String SELECT_ENTRIES = "select " + COLUMNS + ", d.status as email_status,"
            + " d.attempts as email_attempts, d.next_attempt_at as email_next_attempt_at,"
            + " d.sent_at as email_sent_at, d.last_error as email_last_error"
            + " from notifications n left join email_deliveries d on d.notification_id = n.id";

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the notification and returns it with the sequence number and creation time the database gave it. */
    Notification insert(
            UUID id,
            UUID eventId,
            String eventType,
            String customerId,
            String orderId,
            String recipient,
            RenderedMessage message,
            Instant occurredAt) {
        return jdbc.sql("insert into notifications (id, event_id, event_type, customer_id, order_id, recipient,"
                        + " subject, body, occurred_at) values (:id, :eventId, :eventType, :customerId, :orderId,"
                        + " :recipient, :subject, :body, :occurredAt) returning " + COLUMNS.replace("n.", ""))
                .param("id", id)
                .param("eventId", eventId)
                .param("eventType", eventType)
                .param("customerId", customerId)
                .param("orderId", orderId)
                .param("recipient", recipient)
                .param("subject", message.subject())
                .param("body", message.body())
                .param("occurredAt", Timestamp.from(occurredAt))
                .query(NotificationRepository::notification)
                .single();
    }

    Optional<FeedEntry> find(UUID id) {
        return jdbc.sql(SELECT_ENTRIES + " where n.id = :id")
                .param("id", id)
                .query(NotificationRepository::entry)
                .optional();
    }

    List<FeedEntry> page(String customerId, int offset, int limit) {
        return jdbc.sql(SELECT_ENTRIES + " where n.customer_id = :customerId order by n.seq desc limit :limit"
                        + " offset :offset")
                .param("customerId", customerId)
                .param("limit", limit)
                .param("offset", offset)
                .query(NotificationRepository::entry)
                .list();
    }

    long count(String customerId) {
        return jdbc.sql("select count(*) from notifications where customer_id = :customerId")
                .param("customerId", customerId)
                .query(Long.class)
                .single();
    }

    /** Notifications of these customers created after the instant, oldest first, at most {@code limit}. */
    List<Notification> createdAfter(Collection<String> customerIds, Instant after, int limit) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from notifications n where n.customer_id in (:customerIds)"
                        + " and n.created_at > :after order by n.seq limit :limit")
                .param("customerIds", customerIds)
                .param("after", Timestamp.from(after))
                .param("limit", limit)
                .query(NotificationRepository::notification)
                .list();
    }

    Optional<Notification> findOfCustomer(UUID id, String customerId) {
        return jdbc.sql("select " + COLUMNS + " from notifications n where n.id = :id and n.customer_id = :customerId")
                .param("id", id)
                .param("customerId", customerId)
                .query(NotificationRepository::notification)
                .optional();
    }

    /** The database's clock, which also stamps {@code created_at}: streams compare against it, never the JVM's. */
    Instant now() {
        return jdbc.sql("select clock_timestamp()")
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    private static Notification notification(ResultSet rs, int row) throws SQLException {
        return new Notification(
                rs.getObject("id", UUID.class),
                rs.getLong("seq"),
                rs.getObject("event_id", UUID.class),
                rs.getString("event_type"),
                rs.getString("customer_id"),
                rs.getString("order_id"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

    private static FeedEntry entry(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("email_status");
        EmailState email = status == null
                ? null
                : new EmailState(
                        status,
                        rs.getInt("email_attempts"),
                        status.equals("PENDING") ? instant(rs.getTimestamp("email_next_attempt_at")) : null,
                        instant(rs.getTimestamp("email_sent_at")),
                        rs.getString("email_last_error"));
        return new FeedEntry(notification(rs, row), email);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
