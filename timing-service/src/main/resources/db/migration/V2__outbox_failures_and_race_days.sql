-- An outbox row Kafka can never take (too large) is set aside with the reason, so the rows behind it go on.
alter table outbox add column failed_at timestamptz, add column failure text;
drop index outbox_unsent;
create index outbox_unsent on outbox (id) where sent_at is null and failed_at is null;

-- The day of a race's first leg: a passage more than a year before it is refused.
alter table known_race add column first_day date;
