-- An expression that fails (a number with COLLATE: "wrong type in collated
-- expression"; '' as a datetime) fails only when a row reaches it, so the
-- side that reads rows errs and the side that reads none (pushdown found
-- nothing, or id IN (NULL) makes no call) answers. Found by TestFuzzPushdown on 2026-12-06, seed 1796588380269489700 (queries #790, #2506).
-- users: 300
-- compare: multiset
SELECT p.type FROM `policy_rules` c JOIN `policies` p ON c.policy_id = p.id WHERE p.name IS NULL AND c.created = 20260215010001 COLLATE utf8mb4_0900_bin;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT c.target_group_id FROM `app_group_push_mappings` c JOIN `apps` p ON c.app_id = p.id AND c.created = 20250102000001 COLLATE utf8mb4_bin WHERE p.universal_logout->>'$.identityStack' LIKE 'NOT\\_SHA%';
