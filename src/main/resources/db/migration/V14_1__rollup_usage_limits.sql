-- Alerts (k8s/monitoring/alerts.yaml) on licenses that use more than they license, or nearly: the summary rows count
-- them per console and group, so the metrics read a few rows instead of every license (SnapshotStatistics).

-- 2 when some counter of a license uses more than it licenses, 1 when some uses more than 90 % (but none more than
-- 100 %), else 0. licensed[i] and used[i] are one counter's pair; a pair with a null is not compared. The same rule
-- for the webhooks' license.overused event (SnapshotWriter).
create function license_usage_level(licensed numeric[], used numeric[]) returns int
language sql immutable parallel safe as $$
select coalesce(max(case when u > l then 2 when l > 0 and u > 0.9 * l then 1 else 0 end), 0)::int
from unnest(licensed, used) as t(l, u)
$$;

alter table license_rollup add column over_limit bigint not null default 0,
    add column near_limit bigint not null default 0;

create or replace function rebuild_license_rollup(p_console text) returns void language sql as $$
delete from license_rollup where console = p_console;
insert into license_rollup
select console,
       case when grouping(edition) = 0 then 'edition' when grouping(license_type) = 0 then 'licenseType'
            when grouping(status) = 0 then 'status' when grouping(company_name) = 0 then 'company' else 'console' end,
       case when grouping(edition) = 0 then edition when grouping(license_type) = 0 then license_type
            when grouping(status) = 0 then status when grouping(company_name) = 0 then company_name end,
       count(*), sum(licensed_vms), sum(used_vms), sum(licensed_cloudconnect_backups), sum(used_cloudconnect_backups),
       sum(licensed_cloudconnect_replicas), sum(used_cloudconnect_replicas), sum(licensed_cloudconnect_servers),
       sum(used_cloudconnect_servers), sum(licensed_cloudconnect_workstations), sum(used_cloudconnect_workstations),
       sum(total_instances), sum(used_instances),
       coalesce(array_agg(license_expiration_date order by license_expiration_date)
                    filter (where license_expiration_date is not null), '{}'),
       count(*) filter (where level = 2), count(*) filter (where level = 1)
from (select l.*,
             license_usage_level(array[licensed_vms, licensed_cloudconnect_backups, licensed_cloudconnect_replicas,
                                       licensed_cloudconnect_servers, licensed_cloudconnect_workstations, total_instances],
                                 array[used_vms, used_cloudconnect_backups, used_cloudconnect_replicas,
                                       used_cloudconnect_servers, used_cloudconnect_workstations, used_instances]) as level
      from license_current l
      where l.console = p_console) l
group by grouping sets ((console), (console, edition), (console, license_type), (console, status),
                       (console, company_name));
$$;

select rebuild_license_rollup(console) from (select distinct console from license_rollup) c;
