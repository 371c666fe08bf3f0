-- What classification alone knows (issue 29: a lost database is rebuilt from Kafka). The decisions race direction
-- takes here (the entry list, the rulings, the anomalies handled) are published whole, per race, to the compacted
-- race-decisions topic after every change; the version says which publication the database holds, so reading the
-- topic again changes nothing and a fresh database takes the last one.
create table decisions_version (
    race_id text   primary key,
    version bigint not null
);

-- How far each partition of passages was applied, in the transaction that applied it: a consumer starts there, and a
-- fresh database (no rows) reads the topic from its beginning.
create table consumer_position (
    topic       text    not null,
    partition   integer not null,
    next_offset bigint  not null,
    primary key (topic, partition)
);
