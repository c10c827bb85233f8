-- An operator's decision about a dead letter, taken at most once: re-driven (sent back to its topic) or discarded
-- (never notified; the events of its order parked behind it are released).
alter table redriven_dead_letters rename to dead_letter_decisions;
alter table dead_letter_decisions rename column redriven_by to decided_by;
alter table dead_letter_decisions rename column redriven_at to decided_at;
alter table dead_letter_decisions add column decision text not null default 'REDRIVEN'
    check (decision in ('REDRIVEN', 'DISCARDED'));
alter table dead_letter_decisions alter column decision drop default;
alter table dead_letter_decisions alter column target_topic drop not null;
