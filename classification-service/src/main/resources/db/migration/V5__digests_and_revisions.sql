-- Derived: the digest of each crew's passages on each leg (ResultsDigest.passages), kept as the leg is scored,
-- so the digest of a race's facts is computed from a few thousand rows. Rows scored before this version have
-- none: rebuild each race once after upgrading (POST /api/races/{raceId}/rebuild).
alter table crew_leg_result add column passages_digest text;

-- Facts: every revision of a race's definition with the time route-service made it (the event's occurredAt),
-- for lists as of a past moment. Revisions stored before this version have no time: they count as the earliest.
create table race_revision (
    race_id    text        not null,
    revision   bigint      not null,
    definition jsonb       not null,
    defined_at timestamptz,
    primary key (race_id, revision)
);
insert into race_revision (race_id, revision, definition) select id, revision, definition from race;

-- Facts as of a moment: passages by the time timing-service received them.
create index passage_race_received on passage (race_id, received_at);
