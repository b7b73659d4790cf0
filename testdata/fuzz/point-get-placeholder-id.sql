-- Items of the emulator's example-backed endpoints whose id is a spec
-- placeholder ('{claimId}', '{refreshTokenId}') are in the list but their
-- point GET answers 404, so an id equality pushed as a point GET (in WHERE
-- or in a join's ON) misses them. An emulator artifact (real ids have no
-- braces), but every access path must give the same row.
-- Found by TestFuzzPushdown on 2026-12-06, seed 1796588380269489700.
-- users: 300
-- compare: multiset
SELECT c.name FROM `authorization_server_claims` c JOIN `authorization_servers` p ON p.id = c.auth_server_id AND c.id = '{claimId}';
SELECT count(*) FROM `authorization_server_clients` p JOIN `authorization_server_client_tokens` c ON p.auth_server_id = c.auth_server_id AND c.client_id = p.client_id AND c.id = '{refreshTokenId}';
SELECT t.id, t.name FROM `authorization_server_claims` t WHERE t.auth_server_id = 'ausoT8OdNr5BjBXqPS36' AND t.id = '{claimId}';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: multiset
SELECT count(*) FROM `authorization_server_client_tokens` c JOIN `authorization_server_clients` p ON c.auth_server_id = p.auth_server_id AND c.client_id = p.client_id AND c.id = '{refreshTokenId}';
SELECT p.name FROM `authorization_server_claims` c JOIN `authorization_servers` p ON c.auth_server_id = p.id AND c.id = '{claimId}';
-- and through a second copy of the child joined on its id (seed 1796589524671505212, query #683)
SELECT c2.id FROM `authorization_server_claims` c JOIN `authorization_servers` p ON c.auth_server_id = p.id JOIN `authorization_server_claims` c2 ON c2.auth_server_id = p.id AND c2.id = c.id;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run)
-- compare: multiset
SELECT c2.id FROM `authorization_servers` p JOIN `authorization_server_claims` c ON p.id = c.auth_server_id JOIN `authorization_server_claims` c2 ON c2.auth_server_id = p.id AND c2.id = c.id;
SELECT p.logo_uri FROM `authorization_server_client_tokens` c JOIN `authorization_server_clients` p ON c.auth_server_id = p.auth_server_id AND c.client_id = p.client_id AND c.id = '{refreshTokenId}';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT c.client_id_2 FROM `authorization_server_clients` p JOIN `authorization_server_client_tokens` c ON p.auth_server_id = c.auth_server_id AND c.client_id = p.client_id AND c.id = '{refreshTokenId}';
