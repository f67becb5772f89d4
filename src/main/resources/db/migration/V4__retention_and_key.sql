-- Run history is pruned after gateway.runs.keep: attempts go with their run; snapshots outlive it.
alter table fetch_attempt drop constraint fetch_attempt_run_id_fkey,
    add constraint fetch_attempt_run_id_fkey foreign key (run_id) references fetch_run (id) on delete cascade;
alter table snapshot alter column run_id drop not null,
    drop constraint snapshot_run_id_fkey,
    add constraint snapshot_run_id_fkey foreign key (run_id) references fetch_run (id) on delete set null;
create index fetch_run_started_idx on fetch_run (started_at);

-- The first signing key came from random(), which is not a cryptographic source; the gateway now stores one
-- made from SecureRandom on first use. Cursors and tokens signed with the old key stop being accepted.
delete from gateway_secret where name = 'signing-key';
