-- Issue 36: what was last sent to race-results for each race (its fingerprint), so a change is sent once
create table race_results_sent (
    race_id     text primary key,
    fingerprint text        not null,
    sent_at     timestamptz not null
);
