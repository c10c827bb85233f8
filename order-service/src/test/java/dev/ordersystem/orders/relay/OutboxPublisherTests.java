package dev.ordersystem.orders.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.events.Topics;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The publisher marks a change processed only once Kafka acknowledged it and every change before it; it reads on
 * while the acknowledgements of a full batch are in flight.
 */
class OutboxPublisherTests {

    private static final String TOPIC = Topics.ORDER_EVENTS;
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00.100Z");

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final RelayState state = new RelayState(Clock.fixed(NOW, ZoneOffset.UTC));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RelayMetrics metrics =
            new RelayMetrics(registry, state, new SlotInspector(mock(JdbcClient.class), "slot"));
    private final RecordingCommitter committer = new RecordingCommitter();
    private final OutboxPublisher publisher = publisher(100);

    @Test
    void publishesKeyValueAndHeadersAndMarksTheBatchAfterTheAcks() throws Exception {
        var placed = outboxRecord("order-1", "{\"eventId\": \"e1\"}", "e1", "OrderPlaced", "00-trace-01", 100L);
        var heartbeat = heartbeat(101L);
        var paid = outboxRecord("order-1", "{\"eventId\": \"e2\"}", "e2", "OrderPaid", null, 102L);

        publisher.handleBatch(List.of(placed, heartbeat, paid), committer);

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(2);
        assertThat(sent).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo(TOPIC);
            assertThat(text(record.key())).isEqualTo("order-1");
        });
        assertThat(text(sent.get(0).value())).isEqualTo("{\"eventId\": \"e1\"}");
        assertThat(text(sent.get(0).headers().lastHeader(EventHeaders.EVENT_ID).value()))
                .isEqualTo("e1");
        assertThat(text(sent.get(0)
                        .headers()
                        .lastHeader(EventHeaders.EVENT_TYPE)
                        .value()))
                .isEqualTo("OrderPlaced");
        assertThat(text(sent.get(0)
                        .headers()
                        .lastHeader(EventHeaders.TRACE_PARENT)
                        .value()))
                .isEqualTo("00-trace-01");
        assertThat(sent.get(1).headers().lastHeader(EventHeaders.TRACE_PARENT)).isNull();
        assertThat(committer.marked).containsExactly(placed, heartbeat, paid);
        assertThat(committer.batchesFinished).isEqualTo(1);
        assertThat(state.snapshot().lastProcessedLsn()).isEqualTo(Lsns.format(102L));
        assertThat(state.snapshot().eventsRelayed()).isEqualTo(2);
        assertThat(registry.get("orders.relay.events").counter().count()).isEqualTo(2);
        assertThat(registry.get("orders.relay.lag").timer().count()).isEqualTo(2);
        assertThat(registry.get("orders.relay.lag").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(100.0);
    }

    @Test
    void marksHeartbeatsWithoutPublishingThem() throws Exception {
        var heartbeat = heartbeat(7L);

        publisher.handleBatch(List.of(heartbeat), committer);

        assertThat(producer.history()).isEmpty();
        assertThat(committer.marked).containsExactly(heartbeat);
        assertThat(committer.batchesFinished).isEqualTo(1);
        assertThat(state.snapshot().lastProcessedLsn()).isEqualTo("0/7");
    }

    @Test
    void reportsTheSnapshotPhaseWithItsReasonAndStreamingOnlyOnceTheSnapshotIsDone() throws Exception {
        state.leaderStarting(3);
        state.snapshotExpected("the stored offsets were missing");
        var snapshotRecord = outboxRecord("order-1", "{}", "e1", "OrderPlaced", null, 5L);
        var fromSnapshot = (RecordChangeEvent<SourceRecord>) () -> withOffset(
                snapshotRecord.record(), Map.of("lsn", 5L, "snapshot", "INITIAL", "last_snapshot_record", false));

        publisher.handleBatch(List.of(fromSnapshot), committer);

        assertThat(state.isStreaming()).isFalse();
        assertThat(state.snapshot().phase()).isEqualTo(RelayState.Phase.SNAPSHOT);
        assertThat(state.snapshot().reason()).isEqualTo("the stored offsets were missing");
        assertThat(state.snapshot().epoch()).isEqualTo(3);
        assertThat(state.snapshot().eventsRelayedInEpoch()).isEqualTo(1);

        publisher.handleBatch(List.of(heartbeat(6L)), committer);

        assertThat(state.isStreaming()).isTrue();
        assertThat(state.snapshot().phase()).isEqualTo(RelayState.Phase.STREAMING);
        assertThat(state.snapshot().reason()).isNull();
    }

    @Test
    void failedSendFailsTheBatchAndMarksNothing() {
        producer.sendException = new TimeoutException("Expiring 1 record(s)");

        assertThatThrownBy(() -> publisher.handleBatch(
                        List.of(outboxRecord("order-1", "{}", "e1", "OrderPlaced", null, 5L), heartbeat(6L)),
                        committer))
                .isInstanceOf(RelayException.class)
                .hasMessageContaining("Expiring 1 record(s)")
                .isNotInstanceOf(org.apache.kafka.connect.errors.RetriableException.class);
        assertThat(committer.marked).isEmpty();
        assertThat(committer.batchesFinished).isZero();
    }

    @Test
    void readsOnWhileAFullBatchIsAcknowledgedAndMarksOnlyTheAcknowledgedPrefix() throws Exception {
        OutboxPublisher pipelined = publisher(2);
        var e1 = outboxRecord("order-1", "{}", "e1", "OrderPlaced", null, 10L);
        var e2 = outboxRecord("order-2", "{}", "e2", "OrderPlaced", null, 11L);
        var e3 = outboxRecord("order-3", "{}", "e3", "OrderPlaced", null, 12L);
        var heartbeat = heartbeat(13L);

        pipelined.handleBatch(List.of(e1, e2), committer);

        assertThat(producer.history()).hasSize(2);
        assertThat(committer.marked).isEmpty();
        assertThat(committer.batchesFinished).isEqualTo(1);

        producer.completeNext();
        producer.completeNext();
        pipelined.handleBatch(List.of(e3, heartbeat), committer);

        assertThat(producer.history()).hasSize(3);
        assertThat(committer.marked)
                .as("the heartbeat waits behind e3, which is not acknowledged yet")
                .containsExactly(e1, e2);
        assertThat(state.snapshot().lastProcessedLsn()).isEqualTo(Lsns.format(11L));

        pipelined.handleBatch(List.of(heartbeat(14L)), committer);

        assertThat(committer.marked).hasSize(5).startsWith(e1, e2, e3, heartbeat);
        assertThat(state.snapshot().lastProcessedLsn()).isEqualTo(Lsns.format(14L));
    }

    @Test
    void aSendThatFailsAfterItsBatchWasHandedOverFailsTheNextBatchAndNothingUnacknowledgedIsMarked() throws Exception {
        OutboxPublisher pipelined = publisher(2);
        pipelined.handleBatch(
                List.of(
                        outboxRecord("order-1", "{}", "e1", "OrderPlaced", null, 10L),
                        outboxRecord("order-2", "{}", "e2", "OrderPlaced", null, 11L)),
                committer);

        producer.errorNext(new TimeoutException("Expiring 1 record(s)"));

        assertThatThrownBy(() -> pipelined.handleBatch(List.of(heartbeat(12L)), committer))
                .isInstanceOf(RelayException.class)
                .hasMessageContaining("Expiring 1 record(s)");
        assertThat(producer.history()).hasSize(2);
        assertThat(committer.marked).isEmpty();
    }

    @Test
    void aBatchAcknowledgedAfterTheFenceLeavesTheFencedStateAsItIs() throws Exception {
        state.leaderStarting(3);
        state.fenced("fenced: lost the relay lease; stopped publishing");

        publisher.handleBatch(List.of(heartbeat(6L)), committer); // handed over before the fence, marked after it

        assertThat(state.role()).isEqualTo(RelayState.Role.STANDBY);
        assertThat(state.isStreaming()).isFalse();
        assertThat(state.snapshot().reason()).isEqualTo("fenced: lost the relay lease; stopped publishing");
    }

    @Test
    void publishesNothingOnceFencedBecauseTheLeaseIsLost() {
        publisher.fence();

        assertThatThrownBy(() -> publisher.handleBatch(
                        List.of(outboxRecord("order-1", "{}", "e1", "OrderPlaced", null, 5L)), committer))
                .isInstanceOf(RelayException.class)
                .hasMessageContaining("lease");
        assertThat(producer.history()).isEmpty();
        assertThat(committer.marked).isEmpty();
    }

    private OutboxPublisher publisher(int maxBatchSize) {
        return new OutboxPublisher(producer, TOPIC, maxBatchSize, state, metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordChangeEvent<SourceRecord> outboxRecord(
            String key, String value, String id, String type, String traceParent, long lsn) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(EventHeaders.EVENT_ID, id);
        headers.addString(EventHeaders.EVENT_TYPE, type);
        headers.addString(EventHeaders.TRACE_PARENT, traceParent);
        // committed 100 ms before NOW
        long commitMicros = NOW.toEpochMilli() * 1000 - 100_000;
        var record = new SourceRecord(
                Map.of("server", "relay"),
                Map.of("lsn", lsn, "ts_usec", commitMicros),
                TOPIC,
                null,
                Schema.STRING_SCHEMA,
                key,
                Schema.STRING_SCHEMA,
                value,
                NOW.toEpochMilli(),
                headers);
        return () -> record;
    }

    private static RecordChangeEvent<SourceRecord> heartbeat(long lsn) {
        var record = new SourceRecord(
                Map.of("server", "relay"),
                Map.of("lsn", lsn),
                "__debezium-heartbeat.relay",
                null,
                null,
                null,
                null,
                null);
        return () -> record;
    }

    private static SourceRecord withOffset(SourceRecord record, Map<String, ?> offset) {
        return new SourceRecord(
                record.sourcePartition(),
                offset,
                record.topic(),
                null,
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                record.value(),
                record.timestamp(),
                record.headers());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static final class RecordingCommitter
            implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {

        final List<RecordChangeEvent<SourceRecord>> marked = new ArrayList<>();
        int batchesFinished;

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record) {
            marked.add(record);
        }

        @Override
        public void markBatchFinished() {
            batchesFinished++;
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets offsets) {
            marked.add(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException();
        }
    }
}
