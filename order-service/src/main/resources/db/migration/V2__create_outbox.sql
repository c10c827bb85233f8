-- One row per domain event, written in the same transaction as the order change.
-- The relay reads inserts from the WAL; rows are not updated afterwards.
create table outbox (
    id             uuid primary key,              -- = event id
    aggregate_type varchar(64)  not null,         -- routes to the topic
    aggregate_id   varchar(64)  not null,         -- = Kafka key (order id)
    type           varchar(64)  not null,         -- event type, e.g. OrderPlaced
    payload        jsonb        not null,         -- the full event envelope (common-events)
    trace_parent   varchar(55),                   -- W3C traceparent of the request that caused it
    created_at     timestamptz  not null default now()
);

create index outbox_created_at_idx on outbox (created_at);
