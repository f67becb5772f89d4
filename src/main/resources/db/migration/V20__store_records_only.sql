-- The current view is answered from memory on every replica; PostgreSQL records (snapshots, versions, history,
-- asOf, changes, usage). The indexes that served only current-view reads go: every sort and substring filter of
-- license_current had its own index, and each made every write dearer (docs/deployment.md, "Upgrading").
-- What stays on license_current: the primary key (console, id) (writes, one license, history, the asOf path per
-- console) and license_current_valid_from_idx (the change feed). Reads "as of" a time scan and sort the current
-- licenses they need; they are the rare path.
drop index if exists license_current_expiry_idx;
drop index if exists license_current_expiry_desc_idx;
drop index if exists license_current_support_expiry_idx;
drop index if exists license_current_support_expiry_desc_idx;
drop index if exists license_current_company_idx;
drop index if exists license_current_company_desc_idx;
drop index if exists license_current_status_idx;
drop index if exists license_current_used_instances_idx;
drop index if exists license_current_used_instances_asc_idx;
drop index if exists license_current_total_instances_idx;
drop index if exists license_current_used_backups_idx;
drop index if exists license_current_enums_idx;
drop index if exists license_current_company_trgm_idx;
drop index if exists license_current_licensed_to_trgm_idx;
drop index if exists license_current_search_trgm_idx;
drop index if exists license_current_company_fold_idx;
