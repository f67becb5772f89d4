-- The change feed (GET /api/v1/changes, ARCHITECTURE.md "Change feed") is derived from the versions, not written
-- separately: a version that begins at T is an addition or a change at T, a closed version without a successor at its
-- valid_to is a removal then. The feed reads them in time order, keyset-paged on (time, console, id):
-- versions by when they began (both tables), removals by when they ended (license_history_valid_to_idx, V11).
-- A version's predecessor and successor are primary-key lookups.
create index license_current_valid_from_idx on license_current (valid_from, console, id);
create index license_history_valid_from_idx on license_history (valid_from, console, id);
