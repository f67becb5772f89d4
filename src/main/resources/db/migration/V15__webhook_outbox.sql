-- Webhooks that are never lost (ARCHITECTURE.md "Outbox"): events are written here in the transaction of the snapshot
-- or attempt that caused them, one row per event and target, and delivered later by any instance's sender.
create table webhook_delivery (
    id              bigserial   primary key,
    -- the CloudEvent id, sent as webhook-id on every attempt, so receivers can de-duplicate
    event_id        uuid        not null,
    target          text        not null,
    event_type      text        not null,
    console         text,
    subject         text,
    -- the CloudEvent exactly as sent (and signed)
    body            text        not null,
    created_at      timestamptz not null default now(),
    -- PENDING until DELIVERED (a 2xx answer), or FAILED when given up (gateway.notifications.sender.max-age)
    status          text        not null default 'PENDING',
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    -- the instance sending it now, and until when; a lease past its time is free for any instance
    leased_by       text,
    leased_until    timestamptz,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    finished_at     timestamptz,
    unique (event_id, target)
);
-- The sender's claim: due deliveries of one target.
create index webhook_delivery_due_idx on webhook_delivery (target, next_attempt_at) where status = 'PENDING';
-- GET /api/v1/notifications, newest first; pruning of finished deliveries.
create index webhook_delivery_created_idx on webhook_delivery (created_at desc, id desc);

-- Expiry thresholds already raised, once per license, threshold (days; 0 = expired) and expiration date: a renewed
-- license (new date) raises them again. Rows of licenses a console no longer serves are deleted by the writer.
create table license_notice (
    console     text        not null,
    license_id  text        not null,
    threshold   integer     not null,
    expires_at  timestamptz not null,
    noticed_at  timestamptz not null default now(),
    primary key (console, license_id, threshold, expires_at)
);
