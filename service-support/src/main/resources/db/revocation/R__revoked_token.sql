-- Device tokens race direction has revoked (a lost phone): every service refuses them, whatever their expiry. Written by
-- route-service when it revokes one, and by the other services from the DeviceRevoked events of route-events
-- (service-support's RevokedTokens and RouteEvents). A repeatable migration written to be run again.
create table if not exists revoked_token (
    token_id   text primary key,
    race_id    text        not null,
    device     text        not null,
    revoked_at timestamptz not null
);
