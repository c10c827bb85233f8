-- The relay's leader lease: one row per replication slot (ADR 6). Only the holder of an unexpired row runs the
-- relay; every time is the database's clock. The epoch grows by one at every acquisition (a fencing token: a
-- renewal names it, so a leader whose lease was taken over can never renew it again).
create table relay_lease (
    slot_name   varchar(63)  primary key,
    holder      varchar(255) not null,  -- instance id of the current (or last) leader
    epoch       bigint       not null,
    acquired_at timestamptz  not null,
    renewed_at  timestamptz  not null,
    expires_at  timestamptz  not null   -- another instance may take the lease after this
);
