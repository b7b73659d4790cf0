-- Equality on a column bound to an enum query parameter goes to Okta even
-- when the value is not in the enum (other case, a prefix, a trailing
-- space): 400 with pushdown, no rows without. Found by TestFuzzPushdown on 2026-12-06, seeds 1 and 1796588380269489700.
-- users: 300
-- compare: multiset
SELECT t.name FROM `identity_providers` t WHERE t.type = 'OIDCzz';
SELECT t.name FROM `identity_providers` t WHERE t.type = 'saml2';
SELECT t.name FROM `identity_providers` t WHERE t.type = 'X5';
SELECT count(*) FROM `policies` t WHERE t.type = 'idp_discovery';
SELECT t.created FROM `policies` t WHERE t.type IN ('PASSW');
SELECT t.type FROM `policies` t WHERE t.type = 'IDENTITY_CLAIM_SOURCING ';
SELECT count(*) FROM `policy_mappings` c JOIN `policies` p ON c.policy_id = p.id WHERE p.type IN ('PASSWORD ');
SELECT t.csr FROM `idp_csrs` t WHERE t.idp_id IN (SELECT s.id FROM `identity_providers` s WHERE s.type = 'MICRÖSOFT');
-- found by the fixed-seed run (seed 1):
-- compare: multiset
SELECT 1 FROM `identity_providers` t WHERE t.type = 'saml2';
SELECT count(*) FROM `policies` t WHERE t.type IN ('password');
SELECT t.name FROM `identity_providers` t WHERE t.type = 'G';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: multiset
SELECT c2.id FROM `policies` p JOIN `policy_apps` c2 ON c2.policy_id = p.id WHERE p.type = 'SESSION_VIOLAT';
SELECT p.description FROM `policies` p WHERE p.type = 'OKTA';
SELECT t.description FROM `policies` t WHERE t.type = ' PROFILE_ENROLLMENT';
SELECT t.name FROM `policies` t WHERE t.type IN ('POST_AUTH_SESSION ');
SELECT t.system FROM `policies` t WHERE t.type IN ('post_auth_session');
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run)
-- compare: multiset
SELECT 1 FROM `identity_providers` t WHERE t.type IN ('G');
SELECT 1 FROM `policies` t WHERE t.type = 'password';
SELECT p.description FROM `policies` p WHERE p.type = 'OKTA_S';
SELECT p.settings_type FROM `policy_rules` c JOIN `policies` p ON p.id = c.policy_id WHERE p.type = 'P';
SELECT t.created FROM `policies` t WHERE t.type IN ('POST_AUTH_SESSIONzz');
SELECT t.description FROM `policies` t WHERE t.type = 'PASSWORD ';
SELECT t.last_updated FROM `policies` t WHERE t.type IN ('identity_claim_sourcing');
SELECT t.priority FROM `policies` t WHERE t.type = 'MFA_ENROLLzz';
SELECT t.properties_inquiry_template_id FROM `identity_providers` t WHERE t.type = 'GOOGLEzz';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT 1 FROM `identity_providers` t WHERE t.type = 'x509';
SELECT count(*) FROM `policies` t WHERE t.type = '0' GROUP BY t.description;
SELECT p.settings_type FROM `policy_rules` c JOIN `policies` p ON c.policy_id = p.id WHERE p.type = 'PROFILE_ENROLLMENTzz';
SELECT t.name FROM `policies` t WHERE NOT (t.type NOT IN (' PASSWORD'));
SELECT t.name FROM `policies` t WHERE t.type = 'device_signal_collection';
SELECT t.name FROM `policies` t WHERE t.type = 'identity_claim_sourcing';
SELECT t.protocol_okta_idp_org_url FROM `identity_providers` t WHERE NOT (NOT (t.type = 'linkedin'));
SELECT t.protocol_okta_idp_org_url FROM `identity_providers` t WHERE t.type = 'SAML2 ';
SELECT t.protocol_type FROM `identity_providers` t WHERE t.type IN ('ÖIDC');
SELECT t.type FROM `identity_providers` t WHERE t.type = 'X';
SELECT t.type FROM `policies` t WHERE t.type IN ('idp_discovery');
