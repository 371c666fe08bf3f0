-- How good each passage's time is, as the timing post said (docs/rules.md, How good a time is); null: not said.
alter table passage add column precision_ms double precision;
alter table passage add column clock_uncertainty_ms double precision;
