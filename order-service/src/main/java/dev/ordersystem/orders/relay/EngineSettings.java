package dev.ordersystem.orders.relay;

import dev.ordersystem.events.EventHeaders;
import java.time.Duration;
import java.util.Properties;

/**
 * The Debezium engine configuration of the relay. Kept in one place so that each choice is explained once:
 *
 * <ul>
 *   <li><b>pgoutput and a filtered publication</b> on {@code public.outbox} only, publishing inserts only (Debezium
 *       derives {@code publish = 'insert'} from {@code skipped.operations}), so the retention job's deletes never
 *       reach the relay.
 *   <li><b>snapshot.mode=initial</b>: an engine without stored offsets first publishes the rows in the outbox,
 *       ordered by {@code seq} ({@code snapshot.select.statement.overrides}; per order that is commit order), then
 *       streams from the slot. That is the very first start (through the new slot's exported snapshot), and the
 *       recovery from lost offsets or a lost slot ({@link StartCheck} removes offsets that outlived their slot).
 *       Duplicates, never gaps: retention keeps every row not yet confirmed.
 *   <li><b>offset.mismatch.strategy=trust_greater_lsn</b>: resume from the greater of the stored offset and the slot's
 *       confirmed position. Both move only over acknowledged events, so either is safe, and a slot that got ahead of
 *       the offsets (confirmed at a stop whose final offset flush failed) does not stop the relay. Its one danger, a
 *       slot created anew while old offsets remain, is ruled out by {@link StartCheck}. ({@code when_needed} with the
 *       default strategy would re-snapshot the whole outbox in both cases.)
 *   <li><b>tx and seq</b> are left out of the change events ({@code column.exclude.list}): only retention and
 *       snapshot ordering use them.
 *   <li><b>Offsets in a Kafka topic</b> ({@code KafkaOffsetBackingStore}, through {@link RelayOffsetStore}): durable
 *       and shared by every instance, so a standby that takes over resumes where the leader's acknowledged events end.
 *       Flushed every {@code offset-flush-interval}; the LSN is confirmed to the slot only after the offsets are
 *       stored. The store's Kafka clients are configured by {@link RelayKafkaClients#offsetStoreSettings()}.
 *   <li><b>Heartbeats</b>: every {@code heartbeat-interval} Debezium runs {@code pg_logical_emit_message(false,
 *       ...)}; the non-transactional logical message goes through pgoutput (Debezium asks for {@code messages}),
 *       gives the engine a new position, and the relay confirms it although the outbox was idle. Only messages with
 *       the relay's own prefix are let through; the publisher marks them processed without publishing.
 *   <li><b>TCP</b>: keepalives and {@code tcp_user_timeout} on Debezium's sessions ({@code driver.options}, see
 *       {@link RelayDatabase#sessionOptions}), so PostgreSQL drops the walsender of a leader behind a network cut.
 *   <li><b>errors.max.retries=0</b>: the engine does not retry internally; every failure ends the engine, reaches the
 *       completion callback and the relay restarts it with its own backoff, visible in health.
 *   <li>The outbox {@code EventRouter} maps a row to a record: topic = {@code orders.relay.topic}, key = {@code
 *       aggregate_id}, value = {@code payload} (the envelope JSON as stored), headers {@code id}, {@code eventType}
 *       and {@code traceparent}.
 * </ul>
 */
final class EngineSettings {

    /** Engine name; with {@link #topicPrefix} it keys the offsets in the offsets topic. */
    static final String ENGINE_NAME = "order-outbox-relay";

    /** Prefix of the logical messages the heartbeat writes into the WAL. */
    static final String HEARTBEAT_MESSAGE_PREFIX = "order-relay-heartbeat";

    /** Every column the EventRouter reads, in commit order per order. */
    static final String SNAPSHOT_SELECT = "SELECT id, aggregate_type, aggregate_id, type, payload, trace_parent,"
            + " created_at FROM public.outbox ORDER BY seq";

    private EngineSettings() {}

    static Properties of(RelayProperties relay, RelayDatabase database, RelayKafkaClients kafka) {
        Properties p = new Properties();
        p.setProperty("name", ENGINE_NAME);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("topic.prefix", topicPrefix(relay));

        // where the WAL position lives: a compacted Kafka topic shared by all instances
        p.setProperty("offset.storage", RelayOffsetStore.class.getName()); // a KafkaOffsetBackingStore
        p.setProperty("offset.storage.topic", relay.offsetsTopic());
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", Short.toString(relay.replicationFactor()));
        p.setProperty("offset.flush.interval.ms", millis(relay.offsetFlushInterval()));
        p.setProperty("offset.flush.timeout.ms", "5000");
        kafka.offsetStoreSettings().forEach(p::setProperty);

        // the source: the outbox table through pgoutput
        p.setProperty("database.hostname", database.host());
        p.setProperty("database.port", Integer.toString(database.port()));
        p.setProperty("database.user", database.username());
        p.setProperty("database.password", database.password());
        p.setProperty("database.dbname", database.database());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", relay.slotName());
        p.setProperty("slot.max.retries", "30");
        p.setProperty("slot.retry.delay.ms", "1000");
        p.setProperty("publication.name", relay.publicationName());
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", "public.outbox");
        p.setProperty("skipped.operations", "u,d,t");
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("snapshot.select.statement.overrides", "public.outbox");
        p.setProperty("snapshot.select.statement.overrides.public.outbox", SNAPSHOT_SELECT);
        p.setProperty("column.exclude.list", "public.outbox.tx,public.outbox.seq");
        p.setProperty("offset.mismatch.strategy", "trust_greater_lsn");
        p.setProperty("database.tcpKeepAlive", "true");
        p.setProperty("driver.options", RelayDatabase.sessionOptions(relay.leaseTtl()));
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("extended.headers.enabled", "false");

        // heartbeats keep the slot moving while the outbox is idle
        p.setProperty("heartbeat.interval.ms", millis(relay.heartbeatInterval()));
        p.setProperty(
                "heartbeat.action.query",
                "SELECT pg_logical_emit_message(false, '" + HEARTBEAT_MESSAGE_PREFIX + "', now()::text)");
        p.setProperty("message.prefix.include.list", HEARTBEAT_MESSAGE_PREFIX);

        // latency: hand over what is there every poll interval
        p.setProperty("poll.interval.ms", millis(relay.pollInterval()));
        p.setProperty("max.batch.size", Integer.toString(relay.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(relay.maxQueueSize()));

        // failures end the engine; the relay restarts it with its own backoff
        p.setProperty("errors.max.retries", "0");
        p.setProperty("record.processing.order", "ORDERED");

        // outbox row -> Kafka record
        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.setProperty("transforms.outbox.table.field.event.id", "id");
        p.setProperty("transforms.outbox.table.field.event.key", "aggregate_id");
        p.setProperty("transforms.outbox.table.field.event.payload", "payload");
        p.setProperty("transforms.outbox.route.by.field", "aggregate_type");
        p.setProperty("transforms.outbox.route.topic.replacement", relay.topic());
        p.setProperty(
                "transforms.outbox.table.fields.additional.placement",
                "type:header:" + EventHeaders.EVENT_TYPE + ",trace_parent:header:" + EventHeaders.TRACE_PARENT);
        p.setProperty("transforms.outbox.table.expand.json.payload", "false");
        p.setProperty("transforms.outbox.route.tombstone.on.empty.payload", "false");
        p.setProperty("transforms.outbox.table.op.invalid.behavior", "warn");
        return p;
    }

    /** Debezium's logical server name; one per slot, so relays with different slots keep separate offsets. */
    static String topicPrefix(RelayProperties relay) {
        return "order-relay-" + relay.slotName().replace('_', '-');
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
