-- Per-console summaries, rebuilt in the transaction that writes a console's changed snapshot, so that
-- GET /api/v1/licenses/summary without filters (or filtered by console only) sums a few rows per console instead of
-- aggregating every current license (ARCHITECTURE.md "Summaries").
--
-- One row per console and group: dimension 'console' (the console's totals; key null), 'edition', 'licenseType',
-- 'status', 'company' (key = that column's value). expirations holds the group's expiry dates in order, so the
-- "expired" and "expiring within N days" counts of any moment are binary searches (width_bucket) at read time.
create table license_rollup (
    console                             text        not null,
    dimension                           text        not null,
    key                                 text,
    licenses                            bigint      not null,
    licensed_vms                        numeric,
    used_vms                            numeric,
    licensed_cloudconnect_backups       numeric,
    used_cloudconnect_backups           numeric,
    licensed_cloudconnect_replicas      numeric,
    used_cloudconnect_replicas          numeric,
    licensed_cloudconnect_servers       numeric,
    used_cloudconnect_servers           numeric,
    licensed_cloudconnect_workstations  numeric,
    used_cloudconnect_workstations      numeric,
    total_instances                     numeric,
    used_instances                      numeric,
    expirations                         timestamptz[] not null
);
create index license_rollup_dimension_idx on license_rollup (dimension, console);

-- The one definition of a console's rows, used by the writer (SnapshotWriter) and below for the existing data.
create function rebuild_license_rollup(p_console text) returns void language sql as $$
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
                    filter (where license_expiration_date is not null), '{}')
from license_current
where console = p_console
group by grouping sets ((console), (console, edition), (console, license_type), (console, status),
                       (console, company_name));
$$;

select rebuild_license_rollup(console) from (select distinct console from license_current) c;

-- How many of a group's sorted expiry dates lie before now, and before now + 30, 60 and 90 days: four binary searches
-- (width_bucket counts the thresholds at or below its input) in one array. PL/pgSQL detoasts the array once into its
-- variable; four width_bucket calls in plain SQL would each detoast it again (measured: twice as slow).
create function license_expiry_counts(expirations timestamptz[], now timestamptz) returns int[]
language plpgsql immutable parallel safe as $$
declare
    dates timestamptz[] := expirations;
    before_now constant interval := interval '-1 microsecond';
begin
    return array[width_bucket(now + before_now, dates),
                 width_bucket(now + interval '30 days' + before_now, dates),
                 width_bucket(now + interval '60 days' + before_now, dates),
                 width_bucket(now + interval '90 days' + before_now, dates)];
end
$$;
