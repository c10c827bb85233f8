package dev.ordersystem.notifications.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tables {@code blocked_orders} (the dead letter each blocked order waits for) and {@code parked_events} (the
 * queue of a blocked order: records that wait, and later dead letters of the order, without a value). An order is
 * the key of its records. The methods that change a blocked order expect its row locked by {@link #lockBlocker} in the
 * same transaction.
 */
@Repository
class BlockedOrderRepository {

    /** A row of the queue of an order: a record that waits, or else a dead letter that waits in line. */
    record Parked(
            long seq,
            @Nullable UUID eventId,
            @Nullable ConsumerRecord<String, byte[]> record,
            @Nullable DeadLetterPosition deadLetter) {}

    /** A header of a parked record, as stored (the value base64 in JSON). */
    record StoredHeader(String name, byte[] value) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<StoredHeader>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    BlockedOrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The dead letter the order waits for, if it is blocked; locks its row until the transaction ends. */
    Optional<DeadLetterPosition> lockBlocker(String orderId) {
        return jdbc.sql("select dlt_topic, dlt_partition, dlt_offset from blocked_orders where order_id = :orderId"
                        + " for update")
                .param("orderId", orderId)
                .query((rs, row) -> position(rs))
                .optional();
    }

    /** The order that waits for this dead letter, if one does; locks its row until the transaction ends. */
    Optional<String> lockOrderBlockedBy(DeadLetterPosition deadLetter) {
        return jdbc.sql("select order_id from blocked_orders where dlt_topic = :dltTopic"
                        + " and dlt_partition = :dltPartition and dlt_offset = :dltOffset for update")
                .params(deadLetterParams(deadLetter))
                .query(String.class)
                .optional();
    }

    /** The order in whose queue this dead letter waits, if it does. */
    Optional<String> orderQueuing(DeadLetterPosition deadLetter) {
        return jdbc.sql("select order_id from parked_events where dlt_topic = :dltTopic"
                        + " and dlt_partition = :dltPartition and dlt_offset = :dltOffset")
                .params(deadLetterParams(deadLetter))
                .query(String.class)
                .optional();
    }

    /** From now on the order waits for this dead letter (instead of the one it waited for, if any). */
    void blockBy(String orderId, DeadLetterPosition deadLetter, @Nullable UUID eventId) {
        jdbc.sql("insert into blocked_orders (order_id, dlt_topic, dlt_partition, dlt_offset, event_id)"
                        + " values (:orderId, :dltTopic, :dltPartition, :dltOffset, :eventId)"
                        + " on conflict (order_id) do update set dlt_topic = excluded.dlt_topic,"
                        + " dlt_partition = excluded.dlt_partition, dlt_offset = excluded.dlt_offset,"
                        + " event_id = excluded.event_id, blocked_at = clock_timestamp()")
                .params(deadLetterParams(deadLetter))
                .param("orderId", orderId)
                .param("eventId", eventId)
                .update();
    }

    void unblock(String orderId) {
        jdbc.sql("delete from blocked_orders where order_id = :orderId")
                .param("orderId", orderId)
                .update();
    }

    /** Appends the record to the order's queue. */
    void park(String orderId, ConsumerRecord<String, byte[]> record, UUID eventId) {
        jdbc.sql("insert into parked_events (order_id, event_id, topic, kafka_partition, kafka_offset, value, headers,"
                        + " record_timestamp) values (:orderId, :eventId, :topic, :partition, :offset, :value,"
                        + " cast(:headers as jsonb), :recordTimestamp)")
                .params(recordParams(orderId, record, eventId))
                .update();
    }

    /** Puts the record in the place of the dead letter it was re-driven from; false if that is not in the queue. */
    boolean parkInPlaceOf(
            DeadLetterPosition deadLetter, String orderId, ConsumerRecord<String, byte[]> record, UUID eventId) {
        return jdbc.sql("update parked_events set event_id = :eventId, topic = :topic, kafka_partition = :partition,"
                                + " kafka_offset = :offset, value = :value, headers = cast(:headers as jsonb),"
                                + " record_timestamp = :recordTimestamp,"
                                + " dlt_topic = null, dlt_partition = null, dlt_offset = null"
                                + " where order_id = :orderId and dlt_topic = :dltTopic and dlt_partition = :dltPartition"
                                + " and dlt_offset = :dltOffset")
                        .params(recordParams(orderId, record, eventId))
                        .params(deadLetterParams(deadLetter))
                        .update()
                == 1;
    }

    /** Appends a dead letter of the order to its queue: the record read at {@code record}, dead-lettered there. */
    void queueDeadLetter(
            String orderId, ConsumerRecord<?, ?> record, @Nullable UUID eventId, DeadLetterPosition deadLetter) {
        jdbc.sql("insert into parked_events (order_id, event_id, topic, kafka_partition, kafka_offset, dlt_topic,"
                        + " dlt_partition, dlt_offset) values (:orderId, :eventId, :topic, :partition, :offset,"
                        + " :dltTopic, :dltPartition, :dltOffset)")
                .param("orderId", orderId)
                .param("eventId", eventId)
                .param("topic", record.topic())
                .param("partition", record.partition())
                .param("offset", record.offset())
                .params(deadLetterParams(deadLetter))
                .update();
    }

    /** A dead letter waiting in the queue was dead-lettered again, at {@code to}; false if it is not in the queue. */
    boolean moveQueuedDeadLetter(String orderId, DeadLetterPosition from, DeadLetterPosition to) {
        return jdbc.sql("update parked_events set dlt_topic = :toTopic, dlt_partition = :toPartition,"
                                + " dlt_offset = :toOffset where order_id = :orderId and dlt_topic = :dltTopic"
                                + " and dlt_partition = :dltPartition and dlt_offset = :dltOffset")
                        .params(deadLetterParams(from))
                        .param("toTopic", to.topic())
                        .param("toPartition", to.partition())
                        .param("toOffset", to.offset())
                        .param("orderId", orderId)
                        .update()
                == 1;
    }

    void removeQueuedDeadLetter(String orderId, DeadLetterPosition deadLetter) {
        jdbc.sql("delete from parked_events where order_id = :orderId and dlt_topic = :dltTopic"
                        + " and dlt_partition = :dltPartition and dlt_offset = :dltOffset")
                .param("orderId", orderId)
                .params(deadLetterParams(deadLetter))
                .update();
    }

    /** The order's queue, first in first. */
    List<Parked> queue(String orderId) {
        return jdbc.sql("select seq, event_id, topic, kafka_partition, kafka_offset, value, headers, dlt_topic,"
                        + " dlt_partition, dlt_offset, record_timestamp from parked_events where order_id = :orderId"
                        + " order by seq")
                .param("orderId", orderId)
                .query((rs, row) -> parked(orderId, rs))
                .list();
    }

    void remove(String orderId, long seq) {
        jdbc.sql("delete from parked_events where order_id = :orderId and seq = :seq")
                .param("orderId", orderId)
                .param("seq", seq)
                .update();
    }

    /**
     * The dead letters of the topic that orders wait for, each with its order and the records parked behind it: all of
     * the order's parked records for the dead letter it waits for first, those after it for one that waits in line.
     */
    Map<DeadLetterPosition, BlockedOrders.Blocked> blocking(String dltTopic) {
        Map<DeadLetterPosition, BlockedOrders.Blocked> blocking = new HashMap<>();
        jdbc.sql("""
                        select b.order_id, b.dlt_topic, b.dlt_partition, b.dlt_offset,
                               count(p.seq) filter (where p.value is not null) as parked
                        from blocked_orders b left join parked_events p on p.order_id = b.order_id
                        where b.dlt_topic = :topic
                        group by b.order_id
                        union all
                        select q.order_id, q.dlt_topic, q.dlt_partition, q.dlt_offset, count(p.seq) as parked
                        from parked_events q left join parked_events p
                            on p.order_id = q.order_id and p.seq > q.seq and p.value is not null
                        where q.dlt_topic = :topic
                        group by q.order_id, q.seq
                        """).param("topic", dltTopic).query(rs -> {
            blocking.put(position(rs), new BlockedOrders.Blocked(rs.getString("order_id"), rs.getInt("parked")));
        });
        return blocking;
    }

    private static Map<String, Object> recordParams(
            String orderId, ConsumerRecord<String, byte[]> record, UUID eventId) {
        List<StoredHeader> headers = new ArrayList<>();
        record.headers().forEach(header -> headers.add(new StoredHeader(header.key(), header.value())));
        Map<String, Object> params = new HashMap<>(Map.of(
                "orderId", orderId,
                "eventId", eventId,
                "topic", record.topic(),
                "partition", record.partition(),
                "offset", record.offset(),
                "value", record.value(),
                "headers", JSON.writeValueAsString(headers)));
        params.put("recordTimestamp", ProcessedEventRepository.recordTimestamp(record));
        return params;
    }

    private static Map<String, Object> deadLetterParams(DeadLetterPosition deadLetter) {
        return Map.of(
                "dltTopic", deadLetter.topic(),
                "dltPartition", deadLetter.partition(),
                "dltOffset", deadLetter.offset());
    }

    private static DeadLetterPosition position(ResultSet rs) throws SQLException {
        return new DeadLetterPosition(rs.getString("dlt_topic"), rs.getInt("dlt_partition"), rs.getLong("dlt_offset"));
    }

    private static Parked parked(String orderId, ResultSet rs) throws SQLException {
        UUID eventId = rs.getObject("event_id", UUID.class);
        if (rs.getString("dlt_topic") != null) {
            return new Parked(rs.getLong("seq"), eventId, null, position(rs));
        }
        var headers = new RecordHeaders();
        JSON.readValue(rs.getString("headers"), HEADERS)
                .forEach(header -> headers.add(new RecordHeader(header.name(), header.value())));
        byte[] value = rs.getBytes("value");
        Timestamp timestamp = rs.getTimestamp("record_timestamp");
        var record = new ConsumerRecord<>(
                rs.getString("topic"),
                rs.getInt("kafka_partition"),
                rs.getLong("kafka_offset"),
                timestamp == null ? ConsumerRecord.NO_TIMESTAMP : timestamp.getTime(),
                timestamp == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE,
                value.length,
                orderId,
                value,
                headers,
                Optional.empty());
        return new Parked(rs.getLong("seq"), eventId, record, null);
    }
}
