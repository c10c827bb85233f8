-- The live streams of the feed follow commits, not creation times: tx is the inserting transaction's id, so that a
-- poll can ask for exactly the rows committed since the snapshot of its previous poll
-- (not pg_visible_in_snapshot(tx, previous)), whatever order the transactions commit in. xid8 is 64-bit: no wraparound.
-- Existing rows get the id of this migration's transaction, which every later snapshot sees as committed.
alter table notifications add column tx xid8 not null default pg_current_xact_id();

create index notifications_commit on notifications (tx);

-- replaced by the commit cursor: streams no longer look rows up by creation time
drop index notifications_stream;
