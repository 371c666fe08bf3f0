-- championship-service's own tables (issue 36)

-- every revision of every championship's definition, as race direction saved it (the history)
create table championship (
    id         text        not null,
    revision   bigint      not null,
    definition jsonb       not null,
    saved_at   timestamptz not null,
    saved_by   text        not null,
    primary key (id, revision)
);

-- each race's latest results as race-results carries them: the rounds the championships read
create table round_result (
    race_id     text primary key,
    status      text        not null,
    revision    bigint      not null,
    digest      text        not null,
    results     jsonb       not null,
    received_at timestamptz not null
);
