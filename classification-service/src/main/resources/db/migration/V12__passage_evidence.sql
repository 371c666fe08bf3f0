-- Issue 39: a GPS passage's evidence, as timing's PassageRecorded carried it (docs/events.md): the virtual line, the two
-- fixes either side of the crossing, the fraction of the way and the crossing point. Null for a post's passage.
alter table passage add column evidence jsonb;
