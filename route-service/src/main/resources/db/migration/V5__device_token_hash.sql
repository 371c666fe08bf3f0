-- A device's token is no longer kept: only its SHA-256, which says whether a token someone shows is the one given and
-- cannot be used to sign in (issue 34). Showing a device's QR code again issues a new token and revokes the old.
alter table device add column token_hash text;
update device set token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex');
alter table device alter column token_hash set not null;
alter table device drop column token;
