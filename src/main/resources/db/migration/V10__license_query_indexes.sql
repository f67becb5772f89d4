-- Indexes for GET /api/v1/licenses found with the benchmark (BENCHMARKS.md): without them every filtered page and
-- its total read the whole license table (every kept snapshot of every console) in a parallel sequential scan.
--
-- The page of a status + edition filter sorted by expiry: PostgreSQL reads this index in order from the first
-- entry of the status and edition and stops after limit + 1 rows of the current snapshots, instead of sorting all
-- matches. It needs the filter as "lower(col) = value" (LicenseFilter writes one value that way; "= any(array)"
-- on a leading column cannot give ordered output before PostgreSQL 17).
create index license_status_edition_expiry_idx
    on license (lower(status), lower(edition), license_expiration_date, console, id);

-- The total of a status / edition / license type filter within the current snapshots: one index descent per
-- current snapshot, read without touching the table once it is vacuumed (an index-only scan needs the plain columns
-- too, hence the include list: PostgreSQL does not answer lower(status) from an expression column alone).
create index license_snapshot_status_edition_idx
    on license (snapshot_id, lower(status), lower(edition), lower(license_type)) include (status, edition, license_type);
