-- ORDER BY the primary key (or a key column of a fanned-out table) is not
-- applied with pushdown. Found by TestFuzzPushdown on 2026-12-06, seed 1 (query #3) and seed 1796588380269489700.
-- users: 300
-- compare: ordered
SELECT t.id FROM `network_zones` t ORDER BY t.id;
SELECT t.id FROM `network_zones` t ORDER BY t.id DESC;
SELECT t.id FROM `groups` t ORDER BY t.id DESC;
SELECT t.id FROM `users` t ORDER BY t.id DESC;
SELECT t.uuid FROM `system_log` t ORDER BY t.uuid;
SELECT t.auth_server_id, t.id FROM `authorization_server_resource_server_keys` t ORDER BY t.auth_server_id, t.id;
-- compare: keys 1 multiset
SELECT t.user_id FROM `user_risk` t ORDER BY t.user_id;
SELECT t.app_id FROM `app_grants` t ORDER BY t.app_id DESC;
SELECT t.idp_id FROM `idp_users` t ORDER BY t.idp_id DESC;
SELECT t.app_id FROM `app_connection_default_jwks` t ORDER BY t.app_id DESC;
SELECT t.resource_set_id_or_label FROM `iam_resource_set_resources` t ORDER BY t.resource_set_id_or_label;
-- found by the fixed-seed run (seed 1):
-- compare: ordered
SELECT t.api_service_id, t.id FROM `api_service_credential_secrets` t ORDER BY t.api_service_id DESC, t.id DESC;
SELECT t.uuid FROM `system_log` t ORDER BY t.uuid DESC;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: ordered
SELECT t.id FROM `apps` t ORDER BY t.id DESC;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: ordered
SELECT t.id FROM `principal_rate_limits` t ORDER BY t.id;
-- compare: keys 1 multiset
SELECT t.idp_id FROM `idp_active_signing_keys` t ORDER BY t.idp_id;
SELECT t.role_id_or_label FROM `role_permissions` t ORDER BY t.role_id_or_label;
-- compare: ordered
SELECT t.user_id FROM `user_risk` t ORDER BY t.user_id DESC;
-- compare: keys 1 multiset
SELECT t.user_id FROM `user_roles` t ORDER BY t.user_id DESC;
