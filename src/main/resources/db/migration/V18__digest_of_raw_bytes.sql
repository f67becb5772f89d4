-- Digests are now taken over each item's bytes as the console sent them, no longer over the item as re-serialised
-- by the gateway. Forgetting the old ones makes the next refresh of each console compare its licenses by content
-- (jsonb equality, which ignores formatting) and adopt the new digests, instead of taking every license for a change.
update license_current set digest = null where digest is not null;
