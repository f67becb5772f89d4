-- Failed authentications are audited aggregated: one row stands for `count` equal events (who, from where, which
-- credential) seen between first_at and `at` (the last one), so a flood of refusals writes a handful of rows.
-- Existing rows each stand for one event.
alter table audit_event add column if not exists count integer not null default 1;
alter table audit_event add column if not exists first_at timestamptz;
