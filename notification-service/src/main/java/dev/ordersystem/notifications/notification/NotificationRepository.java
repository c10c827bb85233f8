package dev.ordersystem.notifications.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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

    /** The notifications of these events, ordered by id. */
    List<Notification> ofEvents(Collection<UUID> eventIds) {
        return jdbc.sql("select " + COLUMNS + " from notifications where event_id in (:eventIds) order by id")
                .param("eventIds", eventIds)
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

    /**
     * Notifications of these customers, oldest first ({@code seq}), after {@code afterSeq}, at most {@code limit},
     * whose transactions committed after the snapshot {@code since} (any time if null) and by the snapshot
     * {@code upTo}; null: by the snapshot of this very statement, which comes back with the rows (also with none).
     */
    CommittedNotifications committed(
            @Nullable String since, @Nullable String upTo, Collection<String> customerIds, long afterSeq, int limit) {
        String snapshot = upTo == null ? "pg_current_snapshot()" : "cast(:upTo as pg_snapshot)";
        String sinceFilter = since == null
                ? ""
                : " and n.tx >= pg_snapshot_xmin(cast(:since as pg_snapshot))"
                        + " and not pg_visible_in_snapshot(n.tx, cast(:since as pg_snapshot))";
        var statement = jdbc.sql("with s as (select " + snapshot + " as snap)"
                        + " select s.snap::text as snapshot, " + COLUMNS + " from s left join notifications n"
                        + " on pg_visible_in_snapshot(n.tx, s.snap) and n.customer_id in (:customerIds)"
                        + " and n.seq > :afterSeq" + sinceFilter + " order by n.seq limit :limit")
                .param("customerIds", customerIds)
                .param("afterSeq", afterSeq)
                .param("limit", limit);
        if (upTo != null) {
            statement = statement.param("upTo", upTo);
        }
        if (since != null) {
            statement = statement.param("since", since);
        }
        List<String> snapshots = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        statement.query(rs -> {
            snapshots.add(rs.getString("snapshot"));
            if (rs.getObject("id") != null) {
                notifications.add(notification(rs, rs.getRow()));
            }
        });
        return new CommittedNotifications(snapshots.get(0), notifications);
    }

    /** The snapshot of this statement: which transactions have committed now ({@code pg_snapshot} as text). */
    String currentSnapshot() {
        return jdbc.sql("select pg_current_snapshot()::text")
                .query(String.class)
                .single();
    }

    Optional<Notification> findOfCustomer(UUID id, String customerId) {
        return jdbc.sql("select " + COLUMNS + " from notifications where id = :id and customer_id = :customerId")
                .param("id", id)
                .param("customerId", customerId)
                .query(NotificationRepository::notification)
                .optional();
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
