-- The inbox: one row per event id this service has handled. Written in the same transaction as the notification it
-- produced, so a redelivered event finds its row and changes nothing.
create table processed_events (
    event_id        uuid        primary key,
    event_type      text        not null,
    topic           text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    outcome         text        not null check (outcome in ('NOTIFIED', 'SKIPPED_UNKNOWN_TYPE')),
    processed_at    timestamptz not null default clock_timestamp()
);
