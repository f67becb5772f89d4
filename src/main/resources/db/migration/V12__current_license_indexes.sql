-- Indexes of the merged view (ARCHITECTURE.md "Query plans"). They cover license_current only, so their size and
-- cost follow the current fleet, never the history depth. Each sort direction needs its own index (every order is
-- "nulls last" and ends in console, id ascending, so a btree read backwards gives another order): the sorts people
-- use have one; any other sort reads every current license (BENCHMARKS.md shows what that costs).
--
-- Each sort index ends in (console, id), the tie-break every order ends with, so a page is read in index order
-- and stops after limit + 1 entries. The include list lets the enumerated filters (status, edition, license type)
-- and the as-of bound (valid_from) be checked on the index entry itself: a page of "status=Valid sorted by expiry"
-- skips the expired (Error) licenses inside the index instead of fetching each of them from the table.
create index license_current_expiry_idx on license_current (license_expiration_date, console, id)
    include (status, edition, license_type, valid_from);
create index license_current_expiry_desc_idx on license_current (license_expiration_date desc nulls last, console, id)
    include (status, edition, license_type, valid_from);
create index license_current_support_expiry_idx on license_current (support_expiration_date, console, id)
    include (status, edition, license_type, valid_from, license_expiration_date);
create index license_current_support_expiry_desc_idx
    on license_current (support_expiration_date desc nulls last, console, id)
    include (status, edition, license_type, valid_from, license_expiration_date);
create index license_current_company_idx on license_current (company_name, console, id)
    include (status, edition, license_type, valid_from);
create index license_current_company_desc_idx on license_current (company_name desc nulls last, console, id)
    include (status, edition, license_type, valid_from);
create index license_current_status_idx on license_current (status, console, id)
    include (edition, license_type, valid_from);
create index license_current_used_instances_idx on license_current (used_instances desc nulls last, console, id)
    include (status, edition, license_type, valid_from);
create index license_current_used_instances_asc_idx on license_current (used_instances, console, id)
    include (status, edition, license_type, valid_from);
create index license_current_total_instances_idx on license_current (total_instances desc nulls last, console, id)
    include (status, edition, license_type, valid_from);
create index license_current_used_backups_idx
    on license_current (used_cloudconnect_backups desc nulls last, console, id)
    include (status, edition, license_type, valid_from);
-- Filters on the enumerations without a sort on them (counts, selective filters). The plain columns are included
-- because PostgreSQL 15 answers lower(status) in an index-only scan only from the column itself, not from the
-- indexed expression.
create index license_current_enums_idx on license_current (lower(status), lower(edition), lower(license_type))
    include (status, edition, license_type, console, valid_from);

-- A refresh can replace most of a console's rows; at the default 10 % the planner would work from statistics that
-- miss whole consoles for a while. BENCHMARKS.md shows the plans after a fully changed refresh.
alter table license_current set (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05);
alter table license_history set (autovacuum_analyze_scale_factor = 0.05);

-- Substring filters (company, licensedTo, q, OData contains/startswith/substringof) use trigram indexes. pg_trgm is a
-- trusted extension, so a role with CREATE on the database may create it; where it cannot, the gateway still works
-- (the filters scan license_current) and names the missing indexes at start-up (SearchIndexes).
do $$
begin
    create extension if not exists pg_trgm;
exception when others then
    raise notice 'pg_trgm is not available (%): substring filters will scan the current licenses', sqlerrm;
end
$$;
do $$
begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index license_current_company_trgm_idx on license_current using gin (company_name gin_trgm_ops);
        create index license_current_licensed_to_trgm_idx on license_current using gin (licensed_to gin_trgm_ops);
        -- The text q searches: the same expression as LicenseFilter.SEARCH_TEXT, fields apart by a unit separator.
        create index license_current_search_trgm_idx on license_current using gin ((
            coalesce(company_name, '') || E'\x1f' || coalesce(licensed_to, '') || E'\x1f' || coalesce(contact_person, '')
            || E'\x1f' || coalesce(license_administrator_email, '') || E'\x1f' || coalesce(licensee_email, '')
            || E'\x1f' || coalesce(backup_server_name, '')) gin_trgm_ops);
    end if;
end
$$;
