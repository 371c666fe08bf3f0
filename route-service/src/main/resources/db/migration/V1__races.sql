-- The race definitions this service owns, whole, with their revision.
create table race (
    id          text primary key,
    name        text        not null,
    year        integer     not null,
    revision    bigint      not null,
    definition  jsonb       not null,
    updated_at  timestamptz not null default now()
);
