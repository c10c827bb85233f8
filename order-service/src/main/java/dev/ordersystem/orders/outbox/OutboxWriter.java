package dev.ordersystem.orders.outbox;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.OrderEventJson;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends an event to the outbox table. It must run inside the transaction that changes the aggregate, so the change
 * and its event commit or roll back together; {@link Propagation#MANDATORY} makes a call outside one fail loudly.
 */
@Component
public class OutboxWriter {

    /** {@code aggregate_type} of order events; the relay routes it to the order events topic. */
    public static final String ORDER_AGGREGATE = "order";

    private final JdbcClient jdbc;
    private final OrderEventJson json;

    OutboxWriter(JdbcClient jdbc, OrderEventJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(EventEnvelope envelope) {
        jdbc.sql("insert into outbox (id, aggregate_type, aggregate_id, type, payload, trace_parent, created_at)"
                        + " values (:id, :aggregateType, :aggregateId, :type, cast(:payload as jsonb), :traceParent,"
                        + " :createdAt)")
                .param("id", envelope.eventId())
                .param("aggregateType", ORDER_AGGREGATE)
                .param("aggregateId", envelope.aggregateId())
                .param("type", envelope.eventType())
                .param("payload", json.write(envelope))
                .param("traceParent", envelope.traceParent())
                .param("createdAt", Timestamp.from(envelope.occurredAt()))
                .update();
    }
}
