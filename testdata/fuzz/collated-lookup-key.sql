-- An equality under another collation than the column's (s.id = 'öpf…'
-- COLLATE utf8mb4_general_ci, which matches the factor 'opf…') became a
-- key of a lookup join: each user's factor was looked up by id as written
-- (a 404 each), where MySQL compares under the explicit collation and
-- matches. Found by TestFuzzPushdown on 2026-12-07, seed
-- 1796610719712371163, query #10899 (30 minutes, 5,000 users); restated
-- at 300 users with a factor id of that org.
-- users: 300
-- compare: multiset
SELECT t.profile_last_name FROM `users` t WHERE t.created >= '2022-06-26 12:04:24' AND t.id IN (SELECT s.user_id FROM `user_factors` s WHERE s.id = 'öpfG58aR11Ke4pb2cIbU' COLLATE utf8mb4_general_ci);
SELECT t.profile_last_name FROM `users` t JOIN `user_factors` s ON s.user_id = t.id AND s.id = 'OPFG58AR11KE4PB2CIBU' COLLATE utf8mb4_0900_ai_ci WHERE t.status = 'ACTIVE';
