-- Issue 39, timed from the car. A race's virtual lines as the replica learnt them (docs/rules.md, "A crossing from the
-- car's GPS"): [{point, line: {lat, lon, bearingDeg, widthM}, backup}], what the stream processor measures fixes against.
alter table known_race add column gps_lines jsonb not null default '[]';
-- A GPS passage's evidence: the line, the fixes either side of it, the fraction and the place (GpsEvidence); null for a
-- post's passage.
alter table passage add column evidence jsonb;
-- A line defined (or moved) after fixes were sent: the fixes already on the topic are read again for it (LineReplays).
-- A request stays until done; an instance that dies while at it leaves it to another after a while.
create table line_replay (
    id           bigserial primary key,
    race_id      text        not null,
    point        text        not null,
    line         jsonb       not null,
    requested_at timestamptz not null,
    started_at   timestamptz,
    done_at      timestamptz,
    fixes_read   bigint      not null default 0,
    crossings    integer     not null default 0
);
create index line_replay_pending on line_replay (requested_at) where done_at is null;
create index line_replay_race on line_replay (race_id, id);
