-- The email channel: one delivery per notification, claimed by the sender with FOR UPDATE SKIP LOCKED.
create table email_deliveries (
    notification_id uuid        primary key references notifications (id),
    recipient       text        not null,
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_attempt_at timestamptz,
    sent_at         timestamptz,
    last_error      text
);

create index email_deliveries_due on email_deliveries (next_attempt_at) where status = 'PENDING';
