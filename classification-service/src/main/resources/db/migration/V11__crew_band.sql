-- Issue 37: a crew's average band (rules.md, Average bands): a PM's or CO's value for that band, when the trial names it
alter table crew add column band text;
