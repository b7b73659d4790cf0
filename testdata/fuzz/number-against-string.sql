-- A number compared with a string column is pushed as a string (or as a
-- path segment); SQL compares numerically ('00u...' = 0, 'false' = 0).
-- Found by TestFuzzPushdown on 2026-12-06, seed 1796588380269489700 (queries #3932, #1553).
-- users: 300
-- compare: multiset
SELECT t.resource_alternate_id FROM `devices` t WHERE t.profile->>'$.registered' = 0;
SELECT t.sort_order FROM `agent_pool_updates` t WHERE t.pool_id = 0.5;
SELECT t.id FROM `users` t WHERE t.id = 0;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run)
-- compare: multiset
SELECT t.last_updated FROM `users` t WHERE t.id = 0;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT t.last_updated FROM `api_service_credential_secrets` t WHERE t.api_service_id = 0.5;
SELECT t.profile_manufacturer FROM `devices` t WHERE t.profile->>'$.secureHardwarePresent' = FALSE;
SELECT t.profile_os_version FROM `devices` t WHERE t.profile->>'$.registered' = FALSE;
