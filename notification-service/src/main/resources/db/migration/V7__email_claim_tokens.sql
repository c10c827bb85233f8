-- A claim of due deliveries carries a token: the sender marks each delivery right after the SMTP server accepted it,
-- and every update is guarded by the token, so a sender whose lease ran out can no longer change a row that another
-- instance claimed (or marked SENT) since.
alter table email_deliveries add column claim_token uuid;
alter table email_deliveries add column claimed_until timestamptz;
