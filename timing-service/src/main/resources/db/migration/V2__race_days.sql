-- The day of a race's first leg: a passage more than a year before it is refused.
alter table known_race add column first_day date;
