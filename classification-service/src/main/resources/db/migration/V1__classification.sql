-- Facts: what happened, as learnt from Kafka and from race direction. Never deleted.
create table race (
    id         text primary key,
    revision   bigint not null,
    definition jsonb  not null
);

create table crew (
    race_id         text          not null,
    car             integer       not null,
    driver_name     text          not null,
    driver_female   boolean       not null default false,
    codriver_name   text,
    codriver_female boolean       not null default false,
    car_model       text,
    car_year        integer,
    coefficient     numeric(5, 2) not null,
    category        text,
    team            text,
    primary key (race_id, car)
);

create table passage (
    id              uuid primary key,
    race_id         text        not null,
    car             integer     not null,
    point           text        not null,
    time            timestamptz not null,
    clock_offset_ms bigint      not null,
    official_time   timestamptz not null,
    device          text,
    source          text,
    received_at     timestamptz
);
create index passage_race_car on passage (race_id, car);

create table passage_void (
    passage_id uuid primary key,
    race_id    text not null,
    car        integer not null,
    reason     text,
    voided_by  text,
    voided_at  timestamptz
);
create index passage_void_race_car on passage_void (race_id, car);

create table ruling (
    id       bigserial primary key,
    race_id  text        not null,
    type     text        not null,
    car      integer     not null,
    trial    text,
    points   integer,
    reason   text        not null,
    ruled_by text        not null,
    ruled_at timestamptz not null
);
create index ruling_race_car on ruling (race_id, car);

-- Consumer idempotency: an event id is applied once, in the transaction that applies it.
create table processed_event (
    event_id     uuid primary key,
    processed_at timestamptz not null default now()
);

-- Events that could not be read: kept for the race direction and engineers, never silently dropped.
create table rejected_event (
    id          bigserial primary key,
    topic       text        not null,
    payload     text        not null,
    reason      text        not null,
    rejected_at timestamptz not null default now()
);

-- Derived state: a pure function of the facts above, rebuilt by POST /rebuild.
create table crew_result (
    race_id           text           not null,
    car               integer        not null,
    state             text           not null,
    score             numeric(14, 2) not null,
    raw_score         numeric(14, 2) not null,
    trials_scored     integer        not null,
    last_scored_index integer        not null,
    anomalies         jsonb          not null,
    primary key (race_id, car)
);

create table trial_result (
    race_id          text           not null,
    car              integer        not null,
    trial_id         text           not null,
    type             text           not null,
    leg              integer        not null,
    route_index      integer        not null,
    state            text           not null,
    penalty          integer,
    points           numeric(14, 2),
    contribution     numeric(14, 2) not null,
    raw_contribution numeric(14, 2) not null,
    passages         jsonb          not null,
    primary key (race_id, car, trial_id)
);
create index trial_result_trial on trial_result (race_id, trial_id);
