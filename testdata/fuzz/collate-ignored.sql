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
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT count(*) FROM `system_log` t WHERE t.outcome_result = 'SUCCÉSS' COLLATE utf8mb4_unicode_ci GROUP BY t.actor_type;
SELECT p.profile_managed FROM `devices` p WHERE p.id = 'guo4a5u7yahhjxrmk0g5' COLLATE utf8mb4_unicode_ci;
SELECT t.client_ip_address FROM `system_log` t WHERE t.actor_id = '00u0nfzhdg3t1v927ggx' COLLATE utf8mb4_unicode_ci;
SELECT t.org_id FROM `principal_rate_limits` t WHERE t.principal_type = 'OAUTH_CLIÉNT' COLLATE utf8mb4_0900_ai_ci;
SELECT t.profile_honorific_suffix FROM `users` t WHERE t.profile_login = 'Dennis.Lefèvre@example.com' COLLATE utf8mb4_general_ci;
SELECT t.published FROM `system_log` t WHERE t.client_device = 'MOBILE' COLLATE utf8mb4_general_ci;
SELECT t.settings_type FROM `policies` t WHERE t.name = 'Défault Policy' COLLATE utf8mb4_general_ci;
SELECT t.severity FROM `system_log` t WHERE t.actor->>'$.id' = '00UO6MMLKJZ61AUB9ZYG' COLLATE utf8mb4_general_ci;
SELECT t.status FROM `trusted_origins` t WHERE NOT (t.origin <> 'HTTP://EXAMPLE.COM' COLLATE utf8mb4_unicode_ci);
SELECT t.status FROM `trusted_origins` t WHERE t.id = 'TOS10HU7RKBTRFT1M0G4' COLLATE utf8mb4_unicode_ci;
SELECT t.usage FROM `network_zones` t WHERE t.id = 'NZOY0OX5XADOZTKRH0G6' COLLATE utf8mb4_general_ci;
SELECT t.version FROM `system_log` t WHERE t.client->>'$.device' = 'Cómputer' COLLATE utf8mb4_general_ci;
-- found by TestFuzzPushdown on 2026-12-06, seed 77, query #272 (saved with -fuzz.save)
-- compare: multiset
SELECT t.profile_tpm_public_key_hash FROM `devices` t WHERE t.profile_manufacturer = 'Góogle' COLLATE utf8mb4_unicode_ci;
