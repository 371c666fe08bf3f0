-- Each change keeps the definition it made, so two revisions can be compared trial by trial (the office's History).
-- Changes recorded before this column existed keep none: comparing them answers 404 naming the revision.
alter table race_change add column definition text;
