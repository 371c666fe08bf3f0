-- What a timing post needs to be set up: the race's name and, leg by leg, its timing points in route order
-- (with town and km), learnt from route-events like the rest of the replica.
alter table known_race add column name text, add column legs jsonb not null default '[]';
