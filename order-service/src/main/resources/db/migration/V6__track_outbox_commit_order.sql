-- What retention and re-snapshots need (ADR 7):
-- tx  = the top-level transaction id of the writing transaction: a row may be deleted once it is visible in a
--       snapshot whose WAL position the replication slot has confirmed (the relay has published it);
-- seq = insertion order; per order it is commit order (an order's transitions are serialised by its row lock), so
--       a re-snapshot that reads the outbox ordered by seq publishes each order's events in order.
alter table outbox
    add column tx  xid8   not null default pg_current_xact_id(),
    add column seq bigint generated always as identity;

create index outbox_tx_idx on outbox (tx);

-- Watermarks of the retention job: a snapshot and the WAL insert position taken together. Every transaction
-- visible in the snapshot committed before that position.
create table relay_watermark (
    id        bigint generated always as identity primary key,
    slot_name varchar(63) not null,
    snap      pg_snapshot not null,
    wal_lsn   pg_lsn      not null,
    taken_at  timestamptz not null default now()
);

create index relay_watermark_slot_idx on relay_watermark (slot_name, id);
