-- Dead letters an operator sent back to their topic; a dead letter is re-driven at most once.
create table redriven_dead_letters (
    dlt_topic        text        not null,
    dlt_partition    int         not null,
    dlt_offset       bigint      not null,
    target_topic     text        not null,
    target_partition int,
    target_offset    bigint,
    event_id         text,
    redriven_by      text        not null,
    redriven_at      timestamptz not null default clock_timestamp(),
    primary key (dlt_topic, dlt_partition, dlt_offset)
);
