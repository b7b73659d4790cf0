-- An upper bound at the end of year 9999 is rounded up to 10000-01-01,
-- which Okta rejects (400) or which the search compares wrongly.
-- Checked by hand on 2026-12-06 (the fuzzer generates these edge values).
-- users: 300
-- compare: multiset
SELECT t.uuid FROM `system_log` t WHERE t.published < '9999-12-31 23:59:59.999999';
SELECT t.id FROM `users` t WHERE t.created < '9999-12-31 23:59:59.999999';
