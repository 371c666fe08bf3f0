-- How good each passage's time is (docs/rules.md, How good a time is): the resolution of the time (0.1 for a
-- chronometer channel to the ten-thousandth, 10 for a strip typed to the hundredth) and how far the clock it was
-- corrected with may be from the reference (half the round trip of the offset measurement; 0 for a chronometer set to
-- the reference clock). Both optional: a passage that does not say is unknown, not perfect.
alter table passage add column precision_ms double precision;
alter table passage add column clock_uncertainty_ms double precision;
