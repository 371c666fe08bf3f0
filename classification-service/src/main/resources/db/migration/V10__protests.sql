-- Issue 37: the crews' protests, lodged with race direction and decided by it (published with the other decisions,
-- so a lost database gets them back), and the protest windows this service closed (the postings it made official).
create table protest (
    race_id     text        not null,
    id          uuid        not null,
    car         integer     not null,
    lodged_by   text        not null,
    subject     text        not null,
    trial       text,
    leg         integer,
    lodged_at   timestamptz not null,
    recorded_by text        not null,
    recorded_at timestamptz not null,
    outcome     text,
    reason      text,
    ruling_ids  text,
    decided_by  text,
    decided_at  timestamptz,
    primary key (race_id, id)
);

create table protest_window_closed (
    race_id         text        not null,
    posting         text        not null, -- a leg's number, or 'race'
    posted_revision bigint      not null,
    closed_at       timestamptz not null,
    primary key (race_id, posting, posted_revision)
);
