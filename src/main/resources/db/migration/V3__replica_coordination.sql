-- A console is fetched by one instance at a time: the instance that set claimed_by until claimed_until.
-- A crashed instance's claim simply expires.
alter table console_state add column claimed_by text, add column claimed_until timestamptz;

-- The scheduled refresh runs once per interval across all instances: whoever moves last_started_at runs it.
create table refresh_schedule (
    name            text primary key,
    last_started_at timestamptz not null
);
