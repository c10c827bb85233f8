package dev.ordersystem.orders.journey;

import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.orders.order.Order;
import dev.ordersystem.orders.order.OrderId;
import dev.ordersystem.orders.order.OrderScope;
import dev.ordersystem.orders.order.OrderService;
import dev.ordersystem.orders.outbox.OutboxWriter;
import dev.ordersystem.orders.relay.RelayProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads an order's journey: the order, then its outbox rows. The commit time is PostgreSQL's commit timestamp of the
 * row's transaction ({@code pg_xact_commit_timestamp(xmin)}; outbox rows are never updated, so {@code xmin} is the
 * writing transaction) where {@code track_commit_timestamp} is on and the timestamp is still kept, else the row's
 * {@code created_at}. A publication is confirmed the way the retention job knows it (see the relay's {@code
 * OutboxRetention}): the row's transaction is visible in a watermark's snapshot whose WAL position the replication
 * slot has confirmed. The outbox has no index on the order id: it stays small (retention), and this is an operator's
 * query.
 */
@Component
class OrderJourneys {

    private final OrderService orders;
    private final JdbcClient jdbc;
    private final String slotName;

    OrderJourneys(OrderService orders, JdbcClient jdbc, RelayProperties relay) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.slotName = relay.slotName();
    }

    /** The order's journey; {@code OrderNotFoundException} for an unknown order. */
    @Transactional(readOnly = true)
    OrderJourney of(OrderId id) {
        Order order = orders.get(id, OrderScope.ALL);
        List<OrderJourney.Event> events = jdbc.sql("""
                        select o.id, o.type, cast(o.payload ->> 'schemaVersion' as int) as schema_version,
                            o.created_at, o.trace_parent,
                            case when current_setting('track_commit_timestamp') = 'on'
                                then pg_xact_commit_timestamp(o.xmin) end as commit_timestamp,
                            exists (select 1 from relay_watermark w join pg_replication_slots s
                                    on s.slot_name = w.slot_name and s.database = current_database()
                                where w.slot_name = :slot and w.wal_lsn <= s.confirmed_flush_lsn
                                    and pg_visible_in_snapshot(o.tx, w.snap)) as publish_confirmed
                        from outbox o
                        where o.aggregate_type = :aggregateType and o.aggregate_id = :orderId
                        order by o.seq
                        """)
                .param("slot", slotName)
                .param("aggregateType", OutboxWriter.ORDER_AGGREGATE)
                .param("orderId", id.value().toString())
                .query((rs, row) -> event(rs))
                .list();
        return new OrderJourney(id.value(), order.status().name(), events.isEmpty(), events);
    }

    private static OrderJourney.Event event(ResultSet rs) throws SQLException {
        Timestamp commitTimestamp = rs.getTimestamp("commit_timestamp");
        return new OrderJourney.Event(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                rs.getInt("schema_version"),
                (commitTimestamp != null ? commitTimestamp : rs.getTimestamp("created_at")).toInstant(),
                commitTimestamp != null
                        ? OrderJourney.CommitTimeSource.COMMIT_TIMESTAMP
                        : OrderJourney.CommitTimeSource.CREATED_AT,
                EventHeaders.traceIdOf(rs.getString("trace_parent")),
                rs.getBoolean("publish_confirmed"));
    }
}
