-- Failed authentications are audited aggregated: one row stands for `count` equal events (who, from where, which
-- credential) seen between first_at and `at` (the last one), so a flood of refusals writes a handful of rows.
-- Existing rows each stand for one event.
alter table audit_event add column if not exists count integer not null default 1;
alter table audit_event add column if not exists first_at timestamptz;

-- VAC-compatible refresh tokens rotate within a family (one per login): a refresh token is good for the family's
-- current generation only; one presented again after its rotation revokes the family (reuse detection), on every
-- replica alike. Families expired for a day are pruned.
create table if not exists vac_token_family (
    id          uuid primary key,
    account     text not null,
    generation  integer not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);
create index if not exists vac_token_family_expires_idx on vac_token_family (expires_at);
