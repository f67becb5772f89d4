-- One row per refresh, whatever triggered it.
create table fetch_run (
    id                bigserial primary key,
    trigger           text        not null,
    requested_console text,
    started_at        timestamptz not null,
    finished_at       timestamptz
);

-- Snapshots are append-only: a fetch that returns new content adds one; nothing is updated in place
-- except confirmed_at, the last time a fetch returned exactly this content.
create table snapshot (
    id            bigserial primary key,
    console       text        not null,
    run_id        bigint      not null references fetch_run (id),
    fetched_at    timestamptz not null,
    confirmed_at  timestamptz not null,
    content_hash  text        not null,
    license_count integer     not null
);
create index snapshot_console_idx on snapshot (console, id desc);

-- One row per console: the pointer to its current snapshot and the outcome of its last attempt.
create table console_state (
    console             text primary key,
    current_snapshot_id bigint references snapshot (id),
    last_attempt_at     timestamptz,
    last_outcome        text,
    last_error_kind     text,
    last_error          text,
    last_success_at     timestamptz
);

-- One row per console per run.
create table fetch_attempt (
    id            bigserial primary key,
    run_id        bigint      not null references fetch_run (id),
    console       text        not null,
    outcome       text        not null,
    attempts      integer     not null,
    started_at    timestamptz not null,
    duration_ms   bigint      not null,
    error_kind    text,
    error_message text,
    license_count integer,
    snapshot_id   bigint references snapshot (id) on delete set null
);
create index fetch_attempt_run_idx on fetch_attempt (run_id);

create table license (
    snapshot_id                         bigint  not null references snapshot (id) on delete cascade,
    console                             text    not null,
    id                                  text    not null,
    company_name                        text,
    licensed_to                         text,
    contact_person                      text,
    license_administrator_email         text,
    licensee_email                      text,
    edition                             text,
    license_type                        text,
    status                              text,
    support_id                          text,
    monitoring                          text,
    license_expiration_date             timestamptz,
    support_expiration_date             timestamptz,
    backup_server_name                  text,
    licensed_vms                        integer,
    used_vms                            integer,
    new_vms                             integer,
    licensed_cloudconnect_backups       integer,
    used_cloudconnect_backups           integer,
    licensed_cloudconnect_replicas      integer,
    used_cloudconnect_replicas          integer,
    licensed_cloudconnect_servers       integer,
    used_cloudconnect_servers           integer,
    licensed_cloudconnect_workstations  integer,
    used_cloudconnect_workstations      integer,
    total_instances                     numeric,
    used_instances                      numeric,
    raw                                 jsonb   not null,
    primary key (snapshot_id, id)
);
