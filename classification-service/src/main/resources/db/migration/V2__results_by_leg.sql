-- A passage can only change its own leg's results: remember each passage's leg (0: a point the route does
-- not know; null: the race is not known yet) so a live batch re-scores only the legs it touched.
alter table passage add column leg integer;
create index passage_race_car_leg on passage (race_id, car, leg);

-- Derived: each leg's part of a crew's result (leg 0: steward penalties, unknown points, retirement).
create table crew_leg_result (
    race_id           text           not null,
    car               integer        not null,
    leg               integer        not null,
    score             numeric(14, 2) not null,
    raw_score         numeric(14, 2) not null,
    trials_scored     integer        not null,
    last_scored_index integer        not null,
    excluded          boolean        not null,
    retired           boolean        not null,
    anomalies         jsonb          not null,
    primary key (race_id, car, leg)
);
