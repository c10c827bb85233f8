-- An Idempotency-Key belongs to the caller who sent it (the token's sub): another caller's identical key starts afresh
-- and never replays someone else's response. Keys stored before belong to nobody and simply expire.
alter table idempotency_keys add column owner varchar(255) not null default '';
alter table idempotency_keys alter column owner drop default;
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (owner, idempotency_key);
