-- LIKE with an escaped wildcard and no real wildcard is taken as equality
-- with the pattern's text, backslash and all. Found by TestFuzzPushdown on 2026-12-06, seed 1 (query #389).
-- users: 300
-- compare: multiset
SELECT t.last_updated FROM `api_service_credential_secrets` t WHERE t.api_service_id LIKE '0oa72lr\\%';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: multiset
SELECT p.type FROM `identity_providers` p WHERE p.type LIKE 'X5\\_';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run)
-- compare: multiset
SELECT t.type FROM `policies` t WHERE t.type LIKE 'PROFILE\\_ENROLLMENT';
