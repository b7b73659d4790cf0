-- A key value no parent has (other case, a prefix, a space, an accent)
-- reads a path the reference never reads; the emulator's example-backed
-- child endpoints answer 200 with data for any parent id, and the key
-- column echoes the literal, so the row passes the WHERE. Rows that
-- exist for no parent. Found by TestFuzzPushdown on 2026-12-06, seeds 1 and 1796588380269489700.
-- The emulator now answers a child list of an unknown parent 404 E0000007,
-- as Okta does, and both sides read no row.
-- users: 300
-- compare: multiset
SELECT t.authenticator_id FROM `authenticator_methods` t WHERE t.authenticator_id = 'AUT1NBSPHH7JNJJYP0G4';
SELECT t.page_content FROM `brand_page_error_preview` t WHERE t.brand_id IN ('bnd114iNkrcN6aR6');
SELECT t.widget_customizations_custom_link1_label FROM `brand_page_sign_in_default` t WHERE t.brand_id IN ('BND114INKRCN6AR680G4');
SELECT t.expires_at FROM `app_tokens` t WHERE t.app_id = 'Sales';
SELECT t.last_updated FROM `authorization_server_policy_rules` t WHERE t.auth_server_id = 'a';
SELECT t.name FROM `authorization_server_policy_rules` t WHERE t.auth_server_id IN ('ausot8odnr5bjbxqps36');
SELECT t.n FROM `authorization_server_credential_keys` t WHERE t.auth_server_id = 'ausoT8OdNr5BjBXqPS36 ';
SELECT t.client_secret FROM `api_service_credential_secrets` t WHERE t.api_service_id IN ('0oa72lrepvp4wqeet1d9');
SELECT t.body FROM `brand_template_email_default_content` t WHERE t.template_name = 'UserActivation ';
SELECT t.orn FROM `iam_resource_set_resources` t WHERE t.resource_set_id_or_label = 'iamoJDFKaJxGIr0öamd9g';
SELECT t.name FROM `iam_governance_bundle_entitlement_values` t WHERE t.bundle_id IN ('0bbfxqCA');
SELECT t.type FROM `user_idps` t WHERE t.user_id IN (' 00u6nCZC15UzGjEychgY');
SELECT count(*) FROM `group_apps` t WHERE t.group_id = ' 00g3KJjLhaX9wXJtu7rn';
SELECT t.orn FROM `user_role_targets` t WHERE t.role_id_or_encoded_role_id = 'irb1q92TFAHzySt3x0g4 ';
SELECT t.subject FROM `brand_template_email_customization_preview` t WHERE t.template_name = 'UserActivationzz';
-- found by the fixed-seed run (seed 1):
-- compare: multiset
SELECT t.id FROM `iam_resource_set_resources` t WHERE t.resource_set_id_or_label = 'iamoJDFKaJxGIr0oamd0qzz';
-- found with -fuzz.users=2000, seed 1796589150662316522 (query #277)
SELECT count(*) FROM `app_keys` t WHERE t.app_id = '0oáPCItltYpgR69oIcDD';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: multiset
SELECT t.always_include_in_token FROM `authorization_server_claims` t WHERE t.auth_server_id IN ('ausoT8OdNr5BjBXqPS36zz');
SELECT t.content_security_policy_setting_report_uri FROM `brand_page_error_preview` t WHERE t.brand_id IN ('ACTIVE');
SELECT t.expires_at FROM `authorization_server_client_tokens` t WHERE t.client_id IN ('{clientId} ');
SELECT t.expires_at FROM `idp_user_credential_tokens` t WHERE t.idp_id = '0óa62bc8wppPw0UGr0h7';
SELECT t.language FROM `email_customizations` t WHERE t.template_name IN ('UserActivationzz');
SELECT t.name FROM `iam_governance_bundle_entitlement_values` t WHERE t.bundle_id = '0bbfxqcajwwgelftyaaa';
SELECT t.name FROM `user_idps` t WHERE t.user_id IN ('00u3j1x9XthÖNxm601YO');
SELECT t.role FROM `iam_governance_bundle_entitlements` t WHERE t.bundle_id IN ('0bbfxqCAJWWGELFTYÄAA');
SELECT t.settings_time_interval_in_seconds FROM `authenticator_methods` t WHERE t.authenticator_id = 'äut1nbtrJKKA9m45a0g4';
SELECT t.x5t_s256 FROM `idp_active_signing_keys` t WHERE t.idp_id = '0öa62bfdjnK55Z5x80h7';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run)
-- compare: multiset
SELECT c.id FROM `iam_resource_set_bindings` p JOIN `iam_resource_set_binding_members` c ON c.resource_set_id_or_label = p.resource_set_id_or_label AND p.id = c.role_id_or_label WHERE p.resource_set_id_or_label = 'IAMOJDFKAJXGIR0OAMD0Q';
SELECT t.auth_scheme FROM `app_connection_default` t WHERE t.app_id = '0oaiJF';
SELECT t.content_security_policy_setting_report_uri FROM `brand_page_error_customized` t WHERE t.brand_id = 'bnd114inkrcn6ar680g4';
SELECT t.expires_at FROM `idp_user_credential_tokens` t WHERE t.user_id = '0';
SELECT t.expires_at FROM `idp_user_credential_tokens` t WHERE t.user_id = '00u5cl9lo7nmjhjpr0h7';
SELECT t.name FROM `authorization_server_policy_rules` t WHERE t.policy_id IN ('00palyaappa22dpkj0h7');
SELECT t.reason FROM `user_risk` t WHERE t.user_id = ' 00uy0VFIL7peiGWCVpFI';
SELECT t.status FROM `feature_dependencies` t WHERE t.feature_id = 'Sales';
SELECT t.subject FROM `brand_template_email_default_content` t WHERE t.brand_id IN ('bnd114iNkrcN6aR');
SELECT t.type FROM `authorization_server_policy_rules` t WHERE t.auth_server_id IN ('x');
SELECT t.value FROM `iam_governance_bundle_entitlement_values` t WHERE t.bundle_id = '0bbfxqcajwwgelftyaaa';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT 1 FROM `email_customizations` t WHERE t.template_name IN (SELECT s.name FROM `email_templates` s WHERE s.brand_id IN (' bnd114iNkrcN6aR680g4', 'bnd114', 'ACT'));
-- compare: keys 2 multiset
SELECT c.user_id, p.grant_id FROM `user_role_governance` p LEFT JOIN `user_role_governance_resources` c ON c.user_id = p.user_id AND p.role_assignment_id = c.role_assignment_id AND p.grant_id = c.grant_id WHERE p.role_assignment_id = 'irb1q92T' ORDER BY p.grant_id;
-- compare: multiset
SELECT count(*) FROM `email_customizations` t WHERE t.template_name = 'UserActivatio' GROUP BY t.last_updated;
SELECT t.app_id FROM `app_connection_default_jwks` t WHERE t.app_id = '0oai59wkpu02bp8145op';
SELECT t.app_id FROM `app_connection_default_jwks` t WHERE t.app_id IN ('0oafalwzaimxwn3r62cx');
SELECT t.device_id FROM `user_devices` t WHERE t.user_id = '00u8aYc4qsMlUjbIzG9x ';
SELECT t.id FROM `iam_governance_bundle_entitlement_values` t WHERE t.entitlement_id IN ('espfxqcajwwgelftyasj');
SELECT t.last_updated FROM `role_permissions` t WHERE t.role_id_or_label = 'cr0yq6ijxgir0ouum0g3';
SELECT t.recipients FROM `brand_template_email_settings` t WHERE t.template_name = 'useractivation';
SELECT t.status FROM `feature_dependencies` t WHERE t.feature_id IN ('ACTIVEzz');
SELECT t.value_type FROM `authorization_server_claims` t WHERE t.auth_server_id = 'AUSOT8ODNR5BJBXQPS36';
-- found by TestFuzzPushdown on 2026-12-06, seed 77, query #323 (saved with -fuzz.save)
-- compare: multiset
SELECT t.client_id FROM `app_grants` t WHERE t.app_id IN (' 0oaPcsgjyUVmKFCWrNWC');
