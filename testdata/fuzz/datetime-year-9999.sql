-- An upper bound at the end of year 9999 is rounded up to 10000-01-01,
-- which Okta rejects (400) or which the search compares wrongly.
-- Checked by hand on 2026-12-06 (the fuzzer generates these edge values).
-- users: 300
-- compare: multiset
SELECT t.uuid FROM `system_log` t WHERE t.published < '9999-12-31 23:59:59.999999';
SELECT t.id FROM `users` t WHERE t.created < '9999-12-31 23:59:59.999999';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT t.legacy_event_type FROM `system_log` t WHERE t.actor_display_name IN (SELECT s.actor_display_name FROM `system_log` s WHERE s.published = '9999-12-31 23:59:59.999999');
