-- An IN subquery over system_log, with a JSON-path bound on the outer
-- side, makes thousands of requests with pushdown (2,685 in 40 s, and
-- still going) where the reference answers 1,144 rows in 0.4 s with 4.
-- Found by TestFuzzPushdown on 2026-12-06, seed 1 (query #266) and seed 1796588380269489700 (queries #25, #512, #2042, #2857).
-- users: 300
-- timeout: 1s
-- compare: multiset
SELECT t.uuid FROM `system_log` t WHERE t.authentication_context->>'$.externalSessionId' >= 'X' AND t.authentication_context_external_session_id IN (SELECT s.authentication_context_external_session_id FROM `system_log` s WHERE s.client_device = 'Computer');
-- found by TestFuzzPushdown on 2026-12-06, seed 77, query #394 (saved with -fuzz.save)
-- compare: multiset
SELECT t.published, count(*) FROM `system_log` t WHERE ((NOT (t.client_id = 'x')) OR (t.outcome_result = 'SUCCESS' OR t.event_type LIKE 'user.a%' OR t.actor_alternate_id = 'ahmed.guptá@example.com' COLLATE utf8mb4_0900_bin)) AND t.transaction_id IN (SELECT s.transaction_id FROM `system_log` s WHERE s.client_ip_address >= '116.86.201.184') GROUP BY t.published;
