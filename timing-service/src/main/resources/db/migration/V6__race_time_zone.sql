-- The race's time zone: a timing post turns a chronometer's time of day into an instant with it.
alter table known_race add column time_zone text;
