-- The rule that writes digits-only datetimes delimited (delimitDatetimes)
-- kept its operands in a map keyed by expression, and IN with one value
-- has a tuple among them, which is no map key: the statement panicked on
-- both sides (180 of 5,322 queries of an 8-minute run, seed
-- 1796615231170061955, 5,000 users). Both sides failing alike hid it,
-- until the fuzzer counted a panic as a mismatch whatever the other side
-- did.
-- users: 300
-- compare: multiset
-- learned: policies
SELECT c.created FROM `policies` p JOIN `policy_rules` c ON c.policy_id = p.id WHERE c.last_updated IN (TIMESTAMP '2026-05-27 20:00:00');
-- learned:
SELECT c.device_last_updated FROM `users` p JOIN `user_devices` c ON c.user_id = p.id WHERE p.activated IN ('2025-09-23 11:18:17.658');
SELECT count(*) FROM `users` t WHERE t.created IN ('20250101000000');
