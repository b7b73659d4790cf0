-- A join with a keyed table under a derived table fails with pushdown:
-- "unable to find field with index N in row of M columns" (the projected
-- schema of the lookup side does not match its rows). Found by TestFuzzPushdown on 2026-12-06, seeds 1 (query #344) and 1796588380269489700.
-- users: 300
-- compare: multiset
SELECT count(*) FROM (SELECT c.last_updated FROM `group_roles` c JOIN `groups` p ON p.id = c.group_id) x;
SELECT count(*) FROM (SELECT c.last_sync FROM `apps` p JOIN `app_users` c ON p.id = c.app_id) x;
SELECT count(*) FROM (SELECT c.user_last_login FROM `devices` p JOIN `device_users` c ON p.id = c.device_id) x;
SELECT count(*) FROM (SELECT c.user_created FROM `device_users` c JOIN `devices` p ON p.id = c.device_id) x;
SELECT count(*) FROM (SELECT c.id FROM `authorization_server_claims` c JOIN `authorization_servers` p ON p.id = c.auth_server_id) x;
SELECT count(*) FROM (SELECT p.description FROM `authorization_server_policies` p JOIN `authorization_server_policy_rules` c ON p.auth_server_id = c.auth_server_id AND c.policy_id = p.id) x;
SELECT count(*) FROM (SELECT c.created FROM `iam_resource_set_bindings` p JOIN `iam_resource_set_binding_members` c ON c.resource_set_id_or_label = p.resource_set_id_or_label AND p.id = c.role_id_or_label) x;
SELECT count(*) FROM (SELECT c.content_security_policy_setting_mode FROM `brand_page_error_customized` c JOIN `brands` p ON c.brand_id = p.id) x;
-- found by the fixed-seed run (seed 1):
-- compare: multiset
SELECT count(*) FROM (SELECT c.id FROM `app_group_push_mappings` c JOIN `apps` p ON p.id = c.app_id) x;
SELECT count(*) FROM (SELECT c2.id FROM `iam_governance_bundle_entitlement_values` c JOIN `iam_governance_bundle_entitlements` p ON p.bundle_id = c.bundle_id AND c.entitlement_id = p.id JOIN `iam_governance_bundle_entitlement_values` c2 ON c2.bundle_id = p.bundle_id AND c2.entitlement_id = p.id) x;
SELECT count(*) FROM (SELECT p.status FROM `authorization_server_resource_server_keys` c JOIN `authorization_servers` p ON c.auth_server_id = p.id) x;
-- found with -fuzz.users=2000, seed 1796589150662316522 (queries #87 and others); they fail on 300 users too
SELECT count(*) FROM (SELECT c.name FROM `policies` p JOIN `policy_apps` c ON c.policy_id = p.id) x;
SELECT count(*) FROM (SELECT p.profile_managed FROM `device_users` c JOIN `devices` p ON c.device_id = p.id) x;
SELECT count(*) FROM (SELECT p.profile_preferred_language FROM `user_devices` c JOIN `users` p ON c.user_id = p.id) x;
SELECT count(*) FROM (SELECT t.brand_id FROM `email_templates` t WHERE EXISTS (SELECT 1 FROM `brand_template_email_default_content` s WHERE s.brand_id = t.brand_id AND s.template_name = t.name)) x;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: multiset
SELECT count(*) FROM (SELECT c.brand_id FROM `brands` p JOIN `email_templates` c ON p.id = c.brand_id) x;
SELECT count(*) FROM (SELECT c.origin_id FROM `group_owners` c JOIN `groups` p ON p.id = c.group_id) x;
SELECT count(*) FROM (SELECT c.role FROM `user_roles` c JOIN `users` p ON c.user_id = p.id) x;
SELECT count(*) FROM (SELECT c.status FROM `authorization_server_resource_server_keys` c JOIN `authorization_servers` p ON p.id = c.auth_server_id) x;
SELECT count(*) FROM (SELECT c.user_status FROM `device_users` c JOIN `devices` p ON p.id = c.device_id) x;
SELECT count(*) FROM (SELECT c2.id FROM `group_apps` c JOIN `groups` p ON p.id = c.group_id JOIN `group_apps` c2 ON c2.group_id = p.id) x;
SELECT count(*) FROM (SELECT c2.id FROM `groups` p JOIN `group_roles` c2 ON c2.group_id = p.id) x;
SELECT count(*) FROM (SELECT p.policy_max_clock_skew FROM `idp_active_signing_keys` c JOIN `identity_providers` p ON p.id = c.idp_id) x;
SELECT count(*) FROM (SELECT p.profile_city FROM `user_blocks` c JOIN `users` p ON c.user_id = p.id) x;
SELECT count(*) FROM (SELECT p.profile_sid FROM `device_users` c JOIN `devices` p ON p.id = c.device_id) x;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run)
-- compare: multiset
SELECT count(*) FROM (SELECT c.app_id FROM `app_connection_default_jwks` c JOIN `apps` p ON p.id = c.app_id) x;
SELECT count(*) FROM (SELECT c.app_id FROM `app_interclient_allowed_apps` c JOIN `apps` p ON p.id = c.app_id) x;
SELECT count(*) FROM (SELECT c.created FROM `app_users` c JOIN `apps` p ON c.app_id = p.id) x;
SELECT count(*) FROM (SELECT c.created FROM `idp_users` c JOIN `identity_providers` p ON c.idp_id = p.id) x;
SELECT count(*) FROM (SELECT c.factor_type FROM `users` p JOIN `user_supported_factors` c ON c.user_id = p.id) x;
SELECT count(*) FROM (SELECT c.user_id FROM `users` p JOIN `user_classification` c ON p.id = c.user_id) x;
SELECT count(*) FROM (SELECT p.default_app_app_instance_id FROM `brand_page_sign_out_customized` c JOIN `brands` p ON p.id = c.brand_id) x;
SELECT count(*) FROM (SELECT p.default_app_app_link_name FROM `email_templates` c JOIN `brands` p ON c.brand_id = p.id) x;
SELECT count(*) FROM (SELECT p.name FROM `iam_governance_bundle_entitlements` p JOIN `iam_governance_bundle_entitlement_values` c ON c.bundle_id = p.bundle_id AND p.id = c.entitlement_id) x;
SELECT count(*) FROM (SELECT p.password_changed FROM `user_security_questions` c JOIN `users` p ON p.id = c.user_id) x;
SELECT count(*) FROM (SELECT p.status_changed FROM `user_authenticator_enrollments` c JOIN `users` p ON p.id = c.user_id) x;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT count(*) FROM (SELECT c.answer FROM `user_security_questions` c JOIN `users` p ON c.user_id = p.id) x;
SELECT count(*) FROM (SELECT c.created FROM `app_grants` c JOIN `apps` p ON p.id = c.app_id) x;
SELECT count(*) FROM (SELECT c.created FROM `idp_active_signing_keys` c JOIN `identity_providers` p ON p.id = c.idp_id) x;
SELECT count(*) FROM (SELECT c.expires_at FROM `idp_signing_keys` c JOIN `identity_providers` p ON c.idp_id = p.id) x;
SELECT count(*) FROM (SELECT c.id FROM `app_cwo_connections` c JOIN `apps` p ON c.app_id = p.id) x;
SELECT count(*) FROM (SELECT c.n FROM `idp_active_signing_keys` c JOIN `identity_providers` p ON p.id = c.idp_id) x;
SELECT count(*) FROM (SELECT c.name FROM `apps` p JOIN `app_features` c ON c.app_id = p.id) x;
SELECT count(*) FROM (SELECT c.profile_nick_name FROM `group_members` c JOIN `groups` p ON c.group_id = p.id) x;
SELECT count(*) FROM (SELECT c.settings_identity_store_id FROM `group_apps` c JOIN `groups` p ON p.id = c.group_id) x;
SELECT count(*) FROM (SELECT c.user_status FROM `devices` p JOIN `device_users` c ON c.device_id = p.id) x;
SELECT count(*) FROM (SELECT c.widget_customizations_authenticator_page_custom_link_label FROM `brand_page_sign_in_customized` c JOIN `brands` p ON c.brand_id = p.id) x;
SELECT count(*) FROM (SELECT c2.id FROM `idp_user_credential_tokens` c JOIN `idp_users` p ON p.idp_id = c.idp_id AND c.user_id = p.id JOIN `idp_user_credential_tokens` c2 ON c2.idp_id = p.idp_id AND c2.user_id = p.id) x;
SELECT count(*) FROM (SELECT p.profile_disk_encryption_type FROM `device_users` c JOIN `devices` p ON p.id = c.device_id) x;
SELECT count(*) FROM (SELECT p.profile_external_id FROM `group_members` c JOIN `groups` p ON p.id = c.group_id) x;
SELECT count(*) FROM (SELECT p.status FROM `policy_rules` c JOIN `policies` p ON p.id = c.policy_id) x;
-- found by TestFuzzPushdown on 2026-12-06, seed 77, query #294 (saved with -fuzz.save)
-- compare: multiset
SELECT count(*) FROM (SELECT c.id FROM `policy_mappings` c JOIN `policies` p ON c.policy_id = p.id) x;
-- found by TestFuzzPushdown on 2026-12-06 (30- and 8-minute runs, 5,000 users): the Prefetch node's
-- copy of the lookup keys kept field indexes go-mysql-server assigned anew for the outer query
-- compare: multiset
SELECT count(*) FROM (SELECT c2.id FROM `policies` p LEFT JOIN `policy_rules` c ON c.policy_id = p.id JOIN `policy_rules` c2 ON c2.policy_id = p.id AND c2.id = c.id WHERE p.status NOT IN ('x')) x;
SELECT count(*) FROM (SELECT p.protocol_type FROM `identity_providers` p JOIN `idp_users` c ON p.id = c.idp_id AND c.id = '00u5cl9lo7nMjHjPr0h7' JOIN `idp_users` c2 ON c2.idp_id = p.id AND c2.id = c.id) x;
