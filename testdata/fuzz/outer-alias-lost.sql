-- A subquery keyed by the outer row (s.user_id = t.user_id) under an
-- aliased outer table whose own condition went to Okta: go-mysql-server
-- read the outer table through that condition without its alias, so the
-- subquery found no table t to look itself up by, and read its table for
-- every user once per outer row: no answer within 30 s at 5,000 users
-- where the reference answered in under a minute (10,000 requests for
-- 2,002 at 1,000 users). Found by TestFuzzPushdown on 2026-12-07, seed
-- 1796608548595073522, query #4996 (30 minutes, 5,000 users).
-- users: 300
-- timeout: 3s
-- compare: multiset
SELECT t.user_id, t.type FROM `user_classification` t WHERE t.last_updated <> '2022-05-04 19:50:51.000000' AND t.user_id IN (SELECT s.user_id FROM `user_classification` s WHERE s.user_id = t.user_id AND s.last_updated IS NULL);
SELECT t.id FROM `users` t WHERE t.status = 'ACTIVE' AND t.id IN (SELECT s.user_id FROM `user_classification` s WHERE s.user_id = t.id AND s.last_updated IS NULL);
