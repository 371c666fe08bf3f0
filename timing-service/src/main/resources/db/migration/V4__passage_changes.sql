-- Every void and every restore of a passage, with who, when and why: the passage row has its current status,
-- this table its history (nothing is deleted; a restore is a new fact, not an erasure of the void).
create table passage_change (
    id          bigserial primary key,
    race_id     text        not null,
    passage_id  uuid        not null,
    car         integer     not null,
    kind        text        not null,
    reason      text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null
);
create index passage_change_race on passage_change (race_id, id);
