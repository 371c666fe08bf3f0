-- Every passage a timing post reported, as it reported it. Never deleted; a void is a status.
create table passage (
    id              uuid primary key,
    race_id         text        not null,
    car             integer     not null,
    point           text        not null,
    time            timestamptz not null,
    device          text        not null,
    source          text        not null,
    clock_offset_ms bigint      not null default 0,
    received_at     timestamptz not null,
    status          text        not null default 'RECORDED',
    void_reason     text,
    voided_by       text,
    voided_at       timestamptz
);
create index passage_race_received on passage (race_id, received_at desc);
create index passage_race_car on passage (race_id, car);

-- The races this service has learnt from route-events: enough to refuse unknown races and warn on unknown points.
create table known_race (
    id            text primary key,
    revision      bigint not null,
    timing_points jsonb  not null
);
