-- principal_rate_limits: the reference (no pushdown) returns every row twice.
-- Found by TestFuzzPushdown on 2026-12-06, seed 1 (queries #96, #181).
-- users: 300
-- compare: multiset
SELECT t.principal_type FROM `principal_rate_limits` t WHERE t.principal_type = 'OAUTH_CLIENT';
SELECT count(*) FROM `principal_rate_limits` t WHERE t.principal_type = 'OAUTH_CLIENT';
-- found by the fixed-seed run (seed 1):
-- compare: multiset
SELECT t.last_update FROM `principal_rate_limits` t WHERE t.principal_type = 'OAUTH_CLIENT';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: multiset
SELECT t.created_date FROM `principal_rate_limits` t WHERE t.principal_type IN ('OAUTH_CLIENT', 'oauth_client', 'OAUTH_');
SELECT t.default_percentage FROM `principal_rate_limits` t WHERE t.principal_type = 'OAUTH_CLIENT';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run)
-- compare: multiset
SELECT t.created_by FROM `principal_rate_limits` t WHERE t.principal_type = 'OAUTH_CLIENT';
