-- One notification per event and customer, rendered from the event type's template. seq orders the feed (and the
-- notifications of one order, which are created one after another from the same partition).
create table notifications (
    id          uuid        primary key,
    seq         bigint      generated always as identity unique,
    event_id    uuid        not null references processed_events (event_id),
    event_type  text        not null,
    customer_id text        not null,
    order_id    text        not null,
    recipient   text        not null,
    subject     text        not null,
    body        text        not null,
    occurred_at timestamptz not null,
    created_at  timestamptz not null default clock_timestamp(),
    constraint notifications_one_per_event_and_customer unique (event_id, customer_id)
);

create index notifications_feed on notifications (customer_id, seq desc);
create index notifications_stream on notifications (customer_id, created_at);
