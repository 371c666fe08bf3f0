-- The race definitions this service owns, whole, with their revision.
create table race (
    id          text primary key,
    name        text        not null,
    year        integer     not null,
    revision    bigint      not null,
    definition  jsonb       not null,
    updated_at  timestamptz not null default now()
);

-- Transactional outbox: written in the same transaction as the change, relayed to Kafka afterwards.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    message_key text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;
