-- A literal that does not convert ('' as a datetime) raises an error only
-- when a row reaches the comparison. Without pushdown every user does;
-- with pushdown id IN (NULL) makes no call and count(*) answers 0, as
-- MySQL's own optimizer answers an impossible WHERE without reading. Both
-- are answers MySQL may give; the case stays as a reminder that the fuzzer
-- cannot tell them apart when an aggregate hides the empty read.
-- found by TestFuzzPushdown on 2026-12-06, seed 77, query #348 (saved with -fuzz.save)
-- users: 300
-- compare: multiset
SELECT count(*) FROM `users` p WHERE p.id IN (NULL) AND p.last_updated = '';
