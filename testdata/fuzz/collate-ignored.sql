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
