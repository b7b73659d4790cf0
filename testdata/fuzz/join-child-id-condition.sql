-- A lookup join drops the condition on the child's id in ON: rows of other
-- children come back. Found by TestFuzzPushdown on 2026-12-06, seed 1796588380269489700 (queries #1129, #1661, #2306 and others).
-- users: 300
-- compare: multiset
SELECT c.id FROM `groups` p LEFT JOIN `group_owners` c ON c.group_id = p.id AND c.id = '00u1cmc52x5B86cnZ0h8';
SELECT c.name FROM `authorization_server_claims` c JOIN `authorization_servers` p ON p.id = c.auth_server_id AND c.id = '{claimId}';
SELECT count(*) FROM `authorization_server_clients` p JOIN `authorization_server_client_tokens` c ON p.auth_server_id = c.auth_server_id AND c.client_id = p.client_id AND c.id = '{refreshTokenId}';
