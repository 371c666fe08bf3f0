-- A crew's phone (issue 39): a device given to a car instead of a post, its token scoped to the race and the car (group
-- crew, claim car). A device is for one post or one car, never both.
alter table device alter column point drop not null;
alter table device add column car integer;
alter table device add constraint device_post_or_car check ((point is null) <> (car is null));
