-- Failed authentications per client address ('address:<ip>') and per VAC account ('account:<name>'), shared by
-- every replica so a caller cannot spread guesses across them. One row per key: the failures of the window that
-- started at window_started_at; a row whose window has passed counts as empty and is reused or pruned.
create table auth_throttle (
    key               text primary key,
    failures          integer not null,
    window_started_at timestamptz not null
);
create index auth_throttle_window_idx on auth_throttle (window_started_at);

-- The audit trail: authentication failures and admin actions, never a secret. Read newest first by id (keyset),
-- pruned by time.
create table audit_event (
    id         bigserial primary key,
    at         timestamptz not null default now(),
    kind       text not null,
    outcome    text not null,
    principal  text,
    credential text,
    address    text,
    detail     text
);
create index audit_event_at_idx on audit_event (at);
create index audit_event_kind_idx on audit_event (kind, id);

-- Who asked for a manual refresh (null for scheduled runs). "if not exists": another change may add the same column.
alter table fetch_run add column if not exists requested_by text;
