-- the W3C traceparent of the inbox transaction that created the delivery: the email's send, later and on another
-- thread, is a span of the same trace (and the trace id links a delivery to its trace in the trace UI)
alter table email_deliveries add column trace_parent text;
