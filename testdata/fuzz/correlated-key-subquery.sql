-- A correlated subquery over a key table, keyed by the outer row
-- (s.user_id = t.user_id), took a pushdown index for its other condition,
-- so go-mysql-server could not look it up by the outer row's key: it read
-- the table for every parent, once per outer row (300 x 300 requests at
-- 300 users; no answer within 30 s at 5,000). Found by TestFuzzPushdown on
-- 2026-12-07, seed 1796602481171595265, query #10455 (30 minutes, 5,000
-- users).
-- users: 300
-- compare: multiset
SELECT t.question, t.answer FROM `user_security_questions` t WHERE t.user_id IN (SELECT s.user_id FROM `user_security_questions` s WHERE s.user_id = t.user_id AND s.answer LIKE 'x') ORDER BY t.answer LIMIT 1;
SELECT count(*) FROM `app_users` t WHERE t.app_id IN (SELECT id FROM apps LIMIT 3) AND t.credentials_user_name IN (SELECT s.credentials_user_name FROM `app_users` s WHERE s.app_id = t.app_id AND s.credentials->>'$.userName' LIKE 'o%');
