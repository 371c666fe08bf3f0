-- An outbox row Kafka can never take (too large) is set aside with the reason, so the rows behind it go on.
alter table outbox add column failed_at timestamptz, add column failure text;
drop index outbox_unsent;
create index outbox_unsent on outbox (id) where sent_at is null and failed_at is null;
