-- A random stamp per write of a crew's leg result: an instance that remembers what it last wrote
-- (and with which stamp) sends only the trial rows that changed since, and checks the stamp first,
-- so a write by another instance or a rolled-back transaction is never mistaken for its own.
alter table crew_leg_result add column version bigint not null default 0;
