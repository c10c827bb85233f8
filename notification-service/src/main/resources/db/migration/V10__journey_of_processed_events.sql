-- The journey of an order (ops console): the order an event belongs to (its record's key) and the record's timestamp
-- (CreateTime: when the relay sent it; the broker's append time on a topic with LogAppendTime). Null for events
-- processed before this migration. A parked record keeps its timestamp for when it is processed.
alter table processed_events
    add column order_id         text,
    add column record_timestamp timestamptz;

create index processed_events_order on processed_events (order_id) where order_id is not null;

alter table parked_events add column record_timestamp timestamptz;
