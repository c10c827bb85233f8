package dev.ordersystem.notifications.support;

import dev.ordersystem.events.Topics;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Notifications written straight to the database, as another instance of the service writes them. */
public final class NotificationRows {

    private NotificationRows() {}

    /**
     * Inserts {@code count} notifications of the customer, with the processed events they belong to, in one statement
     * (in the caller's transaction, if any).
     *
     * @return their ids, in the order of their {@code seq}
     */
    public static List<UUID> insert(JdbcClient jdbc, String customerId, int count) {
        return jdbc.sql("""
                        with events as (
                            insert into processed_events
                                (event_id, event_type, topic, kafka_partition, kafka_offset, outcome)
                            select gen_random_uuid(), 'OrderPaid', :topic, 0, -1, 'NOTIFIED'
                            from generate_series(1, :count)
                            returning event_id),
                        inserted as (
                            insert into notifications (id, event_id, event_type, customer_id, order_id, recipient,
                                subject, body, occurred_at)
                            select gen_random_uuid(), event_id, 'OrderPaid', :customer, gen_random_uuid()::text,
                                :recipient, 'Payment received', 'body', now()
                            from events
                            returning id, seq)
                        select id from inserted order by seq
                        """)
                .param("topic", Topics.ORDER_EVENTS)
                .param("count", count)
                .param("customer", customerId)
                .param("recipient", TestEvents.email(customerId))
                .query(UUID.class)
                .list();
    }
}
