-- Remembers the response of POST /orders per Idempotency-Key until it expires.
create table idempotency_keys (
    idempotency_key   varchar(255) primary key,
    request_hash      char(64)     not null,     -- SHA-256 of the normalised request body
    response_status   int,
    response_location varchar(255),
    response_body     jsonb,
    created_at        timestamptz  not null,
    expires_at        timestamptz  not null
);

create index idempotency_keys_expires_idx on idempotency_keys (expires_at);
