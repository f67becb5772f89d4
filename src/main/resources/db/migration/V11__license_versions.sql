-- Store v2 (ARCHITECTURE.md "Storage"): a license's content is stored once per change, with the time range it was
-- valid, instead of once per snapshot. The current versions live in their own table, so every read of the merged
-- view touches current rows only, whatever the history depth; closed versions move to license_history.
--
-- Every version of one console write carries the same stamp: the store time at which that snapshot became current
-- (snapshot.valid_from). "As of T" = current rows with valid_from <= T plus history rows with
-- valid_from <= T < valid_to.

create table license_current (
    console                             text        not null,
    id                                  text        not null,
    valid_from                          timestamptz not null,
    -- SHA-256 of the upstream item as received (Java side); null for rows migrated from the previous layout,
    -- which the next refresh compares by content instead.
    digest                              bytea,
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
    -- The default order (console, id) with the enumerated filters checked inside the index (see V12).
    primary key (console, id) include (status, edition, license_type, valid_from)
);

create table license_history (like license_current including defaults);
-- (like ... copies the columns only; the history has its own keys.)
alter table license_history add column valid_to timestamptz not null,
    add primary key (console, id, valid_from);
-- As-of windows read the versions closed after T; pruning drops those closed before a console's oldest kept snapshot.
create index license_history_console_valid_to_idx on license_history (console, valid_to);
create index license_history_valid_to_idx on license_history (valid_to);

-- Each version's item exactly as the console served it, written once and never moved: the typed tables stay narrow
-- (about 300 bytes a row instead of 1 kB), so filters that read the table touch a quarter of the pages.
create table license_raw (
    console    text        not null,
    id         text        not null,
    valid_from timestamptz not null,
    raw        jsonb       not null,
    primary key (console, id, valid_from)
);

-- The store time at which a snapshot became current (its versions carry it as valid_from); unique per console.
alter table snapshot add column valid_from timestamptz;
update snapshot set valid_from = fetched_at;
alter table snapshot alter column valid_from set not null;
create index snapshot_console_valid_from_idx on snapshot (console, valid_from);

-- History before this time was pruned with the console's old snapshots: an "as of" earlier than this is gone (410).
alter table console_state add column history_from timestamptz;

-- Per console, the snapshots in order; a license's consecutive snapshots with the same content form one version,
-- closed at the next snapshot that lacks it or changed it.
create temporary table migrated_version on commit drop as
with snaps as (
    select s.id, s.console, s.valid_from, row_number() over w as n, lead(s.valid_from) over w as next_from
    from snapshot s
    window w as (partition by s.console order by s.valid_from, s.id)
), present as (
    select l.*, sn.n, sn.valid_from as snap_from, sn.next_from,
           md5(l.raw::text || coalesce(l.backup_server_name, '')) as content
    from license l join snaps sn on sn.id = l.snapshot_id
), marked as (
    select p.*, case when lag(p.n) over w = p.n - 1 and lag(p.content) over w = p.content then 0 else 1 end as starts
    from present p
    window w as (partition by p.console, p.id order by p.n)
), numbered as (
    select m.*, sum(m.starts) over (partition by m.console, m.id order by m.n) as version_no from marked m
)
select distinct on (console, id, version_no) *,
       min(snap_from) over (partition by console, id, version_no) as version_from
from numbered
order by console, id, version_no, n desc;

insert into license_current
select console, id, version_from, null, company_name, licensed_to, contact_person, license_administrator_email,
       licensee_email, edition, license_type, status, support_id, monitoring, license_expiration_date,
       support_expiration_date, backup_server_name, licensed_vms, used_vms, new_vms, licensed_cloudconnect_backups,
       used_cloudconnect_backups, licensed_cloudconnect_replicas, used_cloudconnect_replicas,
       licensed_cloudconnect_servers, used_cloudconnect_servers, licensed_cloudconnect_workstations,
       used_cloudconnect_workstations, total_instances, used_instances
from migrated_version where next_from is null;

insert into license_history
select console, id, version_from, null, company_name, licensed_to, contact_person, license_administrator_email,
       licensee_email, edition, license_type, status, support_id, monitoring, license_expiration_date,
       support_expiration_date, backup_server_name, licensed_vms, used_vms, new_vms, licensed_cloudconnect_backups,
       used_cloudconnect_backups, licensed_cloudconnect_replicas, used_cloudconnect_replicas,
       licensed_cloudconnect_servers, used_cloudconnect_servers, licensed_cloudconnect_workstations,
       used_cloudconnect_workstations, total_instances, used_instances, next_from
from migrated_version where next_from is not null;

insert into license_raw select console, id, version_from, raw from migrated_version;

-- Snapshots newer than the console's current one cannot exist (the pointer always moves to the newest), but a
-- console whose pointer was never set has nothing current.
delete from license_current l
where not exists (select 1 from console_state c join snapshot s on s.id = c.current_snapshot_id
                  where c.console = l.console);
update console_state c set history_from = (select min(s.valid_from) from snapshot s where s.console = c.console);

drop table license;

-- A gateway of the previous version may still run during a rolling upgrade. It reads "license" by snapshot id:
-- this view rebuilds every kept snapshot from the versions, so its reads stay correct (if slower). It cannot be
-- written to, so that version's writes of changed content fail and roll back; nothing is half-written.
create view license as
select s.id as snapshot_id, v.console, v.id, v.company_name, v.licensed_to, v.contact_person,
       v.license_administrator_email, v.licensee_email, v.edition, v.license_type, v.status, v.support_id,
       v.monitoring, v.license_expiration_date, v.support_expiration_date, v.backup_server_name, v.licensed_vms,
       v.used_vms, v.new_vms, v.licensed_cloudconnect_backups, v.used_cloudconnect_backups,
       v.licensed_cloudconnect_replicas, v.used_cloudconnect_replicas, v.licensed_cloudconnect_servers,
       v.used_cloudconnect_servers, v.licensed_cloudconnect_workstations, v.used_cloudconnect_workstations,
       v.total_instances, v.used_instances, r.raw
from snapshot s
join (select console, id, valid_from, null::timestamptz as valid_to, company_name, licensed_to, contact_person,
             license_administrator_email, licensee_email, edition, license_type, status, support_id, monitoring,
             license_expiration_date, support_expiration_date, backup_server_name, licensed_vms, used_vms, new_vms,
             licensed_cloudconnect_backups, used_cloudconnect_backups, licensed_cloudconnect_replicas,
             used_cloudconnect_replicas, licensed_cloudconnect_servers, used_cloudconnect_servers,
             licensed_cloudconnect_workstations, used_cloudconnect_workstations, total_instances, used_instances
      from license_current
      union all
      select console, id, valid_from, valid_to, company_name, licensed_to, contact_person,
             license_administrator_email, licensee_email, edition, license_type, status, support_id, monitoring,
             license_expiration_date, support_expiration_date, backup_server_name, licensed_vms, used_vms, new_vms,
             licensed_cloudconnect_backups, used_cloudconnect_backups, licensed_cloudconnect_replicas,
             used_cloudconnect_replicas, licensed_cloudconnect_servers, used_cloudconnect_servers,
             licensed_cloudconnect_workstations, used_cloudconnect_workstations, total_instances, used_instances
      from license_history) v
  on v.console = s.console and v.valid_from <= s.valid_from and (v.valid_to is null or v.valid_to > s.valid_from)
join license_raw r on r.console = v.console and r.id = v.id and r.valid_from = v.valid_from;

