-- The phones race direction gave to timing posts: each one's timekeeper token (scoped to its race and its device), the
-- post it was given for, who gave it and when, until when it is valid, and whether it was revoked (a lost phone).
create table device (
    race_id    text        not null,
    device     text        not null,
    point      text        not null,
    token_id   text        not null,
    token      text        not null,
    issued_by  text        not null,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    revoked_by text,
    primary key (race_id, device)
);
