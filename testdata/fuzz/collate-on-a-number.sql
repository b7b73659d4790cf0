-- COLLATE on a number is an error whether or not a row reaches it, as in
-- MySQL; go-mysql-server raised it only on a row, so the query answered 0
-- rows where Okta's search matched none and failed where rows were read.
-- Found by TestFuzzPushdown on 2026-12-06 (a 30-minute run at 5,000
-- users, seed 1796597846139221586, query #3341).
-- users: 300
-- compare: multiset
SELECT count(*) FROM `realms` t WHERE t.last_updated = 20220505181543 COLLATE utf8mb4_unicode_ci AND t.created = '2022-04-04' GROUP BY t.profile_name;
