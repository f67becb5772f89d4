-- The pages a snapshot was read from: per collection, each page's SHA-256 and the offset of the next page
-- (io.licensegateway.upstream.PageDigests). A fetch that gets the very same pages again confirms the snapshot without
-- parsing them. They are a shortcut only: a migration that changes how licenses are read from an answer must clear
-- them (update snapshot set page_digests = null), so that the next refresh reads every console in full again.
alter table snapshot add column page_digests jsonb;
