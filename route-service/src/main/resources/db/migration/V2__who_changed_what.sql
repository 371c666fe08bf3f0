-- Every change of a race definition, with who made it (the token's subject) and when.
create table race_change (
    id         bigserial primary key,
    race_id    text        not null,
    revision   bigint      not null,
    changed_by text        not null,
    changed_at timestamptz not null default now(),
    what       text        not null
);
create index race_change_race on race_change (race_id, revision);
