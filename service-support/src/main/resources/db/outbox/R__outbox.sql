-- The transactional outbox every service with events owns (service-support's Outbox writes it, its OutboxRelay sends
-- it to Kafka). A repeatable migration written to be run again: it brings any database to the table below, and a
-- change to the table is added here, idempotently, rather than copied into each service's migrations.
create table if not exists outbox (
    id          bigserial primary key,
    topic       text        not null,
    message_key text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
-- a row Kafka can never take (too large) is set aside with the reason, so the rows behind it go on
alter table outbox add column if not exists failed_at timestamptz;
alter table outbox add column if not exists failure text;
drop index if exists outbox_unsent;
create index outbox_unsent on outbox (id) where sent_at is null and failed_at is null;
-- the W3C trace context of the request that enqueued the row (null when tracing is off), sent as the record's
-- traceparent and tracestate headers, so the consumer's spans join the request's trace
alter table outbox add column if not exists traceparent text;
alter table outbox add column if not exists tracestate text;
