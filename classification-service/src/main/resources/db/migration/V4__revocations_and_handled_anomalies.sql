-- A ruling is never deleted: a revoked one stops counting and stays listed, with who revoked it, when and why.
alter table ruling add column revoked_at timestamptz, add column revoked_by text, add column revoke_reason text;

-- An anomaly race direction has looked at: it leaves the list of what needs a decision, with the note.
create table anomaly_handled (
    race_id    text        not null,
    anomaly_id text        not null,
    note       text        not null,
    handled_by text        not null,
    handled_at timestamptz not null default now(),
    primary key (race_id, anomaly_id)
);

-- A void undone by race direction (PassageRestored): the passage counts again; the void stays, marked restored.
alter table passage_void add column restored_at timestamptz, add column restored_by text, add column restore_reason text;
