package dev.ordersystem.notifications.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notifications} table, which only this package reads or writes. */
@Repository
class NotificationRepository {

    private static final String COLUMNS =
            "id, seq, event_id, event_type, customer_id, order_id, recipient, subject, body, occurred_at, created_at";

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
                        + " :recipient, :subject, :body, :occurredAt) returning " + COLUMNS)
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

    Optional<Notification> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from notifications where id = :id")
                .param("id", id)
                .query(NotificationRepository::notification)
                .optional();
    }

    List<Notification> findAll(Collection<UUID> ids) {
        return jdbc.sql("select " + COLUMNS + " from notifications where id in (:ids)")
                .param("ids", ids)
                .query(NotificationRepository::notification)
                .list();
    }

    /** The customer's notifications, newest first, from {@code offset}, at most {@code limit}. */
    List<Notification> page(String customerId, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notifications where customer_id = :customerId"
                        + " order by seq desc limit :limit offset :offset")
                .param("customerId", customerId)
                .param("limit", limit)
                .param("offset", offset)
                .query(NotificationRepository::notification)
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
        return jdbc.sql("select " + COLUMNS + " from notifications where customer_id in (:customerIds)"
                        + " and created_at > :after order by seq limit :limit")
                .param("customerIds", customerIds)
                .param("after", Timestamp.from(after))
                .param("limit", limit)
                .query(NotificationRepository::notification)
                .list();
    }

    Optional<Notification> findOfCustomer(UUID id, String customerId) {
        return jdbc.sql("select " + COLUMNS + " from notifications where id = :id and customer_id = :customerId")
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
}
