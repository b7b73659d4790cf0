-- A COLLATE clause that makes = case- or accent-insensitive is ignored by
-- the pushed filter (Okta's filter eq is case-sensitive there): rows are
-- missing with pushdown. Found by TestFuzzPushdown on 2026-12-06, seed 1796588380269489700.
-- users: 300
-- compare: multiset
SELECT count(*) FROM `system_log` t WHERE t.actor_type = 'user' COLLATE utf8mb4_0900_ai_ci;
SELECT t.id FROM `trusted_origins` t WHERE t.origin = 'HTTP://EXAMPLE.COM' COLLATE utf8mb4_0900_ai_ci;
SELECT t.last_updated FROM `trusted_origins` t WHERE t.status = 'ÁCTIVE' COLLATE utf8mb4_0900_ai_ci;
SELECT t.label FROM `apps` t WHERE t.credentials_signing_kid = 'NH0EF2IKHUOL4XQLLUNLAI9UNSPNNOJRG5XAJ0URXVQ' COLLATE utf8mb4_general_ci;
SELECT t.profile_display_name FROM `users` t WHERE t.id = '00uQE5sGciOYCpzqaKsİ' COLLATE utf8mb4_unicode_ci;
SELECT t.id FROM `apps` t WHERE t.status = 'active' COLLATE utf8mb4_0900_ai_ci;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: multiset
SELECT p.status FROM `apps` p WHERE p.status = 'active' COLLATE utf8mb4_0900_ai_ci;
SELECT t.profile_name FROM `realms` t WHERE t.id = 'GUOX9JQ16K9V8IFEL0G3' COLLATE utf8mb4_0900_ai_ci;
SELECT t.published FROM `system_log` t WHERE t.transaction_id = '86LZ1MHTQOK7CX0MEJH4FBZU1HV' COLLATE utf8mb4_general_ci;
SELECT t.security_context_domain FROM `system_log` t WHERE t.outcome_result = 'FAILURÉ' COLLATE utf8mb4_0900_ai_ci;
SELECT t.type FROM `groups` t WHERE t.id = '00gDqHmHoQS7J185çjCA' COLLATE utf8mb4_unicode_ci;
SELECT t.universal_logout_identity_stack FROM `apps` t WHERE t.id = '0oalroszmmyaqh4lqmce' COLLATE utf8mb4_0900_ai_ci;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run)
-- compare: multiset
SELECT t.profile_division FROM `users` t WHERE t.profile_state = 'CÁ' COLLATE utf8mb4_0900_ai_ci;
SELECT t.profile_registered FROM `devices` t WHERE t.profile_model = 'Píxel 6' COLLATE utf8mb4_unicode_ci;
SELECT t.published FROM `system_log` t WHERE t.legacy_event_type = 'CORE.USER.FACTOR.ATTEMPT_SUCCESS' COLLATE utf8mb4_general_ci;
SELECT t.usage FROM `network_zones` t WHERE t.usage = 'POLİCY' COLLATE utf8mb4_unicode_ci;
SELECT t.version FROM `system_log` t WHERE t.actor_type = 'user' COLLATE utf8mb4_general_ci;
