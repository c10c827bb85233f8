-- Per-order order survives dead letters. A dead-lettered record blocks its order (its Kafka key, the order id):
-- blocked_orders names the dead letter the order waits for. Later records of a blocked order are parked in
-- parked_events, in arrival order (seq), until that dead letter is re-driven and succeeds, or is discarded; then they
-- are processed in seq order, in the same transaction. Another dead letter of an order that is blocked already keeps
-- its place in the queue as a row without a value: the release stops there, and the order waits for that one next.
create table blocked_orders (
    order_id      text        primary key,
    dlt_topic     text        not null,
    dlt_partition int         not null,
    dlt_offset    bigint      not null,
    event_id      uuid,
    blocked_at    timestamptz not null default clock_timestamp(),
    constraint blocked_orders_one_per_dead_letter unique (dlt_topic, dlt_partition, dlt_offset)
);

create table parked_events (
    order_id        text        not null,
    seq             bigint      generated always as identity,
    event_id        uuid,
    -- where the record was read
    topic           text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    -- the record, or null for a dead letter that waits in the queue
    value           bytea,
    headers         jsonb,
    dlt_topic       text,
    dlt_partition   int,
    dlt_offset      bigint,
    parked_at       timestamptz not null default clock_timestamp(),
    primary key (order_id, seq),
    constraint parked_events_record_or_dead_letter check ((value is null) = (dlt_topic is not null))
);

create index parked_events_dead_letters on parked_events (dlt_topic, dlt_partition, dlt_offset)
    where dlt_topic is not null;
