-- Issue 36: a person's licence, their key across a season's races (a championship matches people by it)
alter table crew add column driver_licence text;
alter table crew add column codriver_licence text;
