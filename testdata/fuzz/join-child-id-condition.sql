-- A lookup LEFT JOIN drops the conditions on the child in ON (its id, or
-- another column): children that fail them come back instead of NULLs. Found by TestFuzzPushdown on 2026-12-06, seed 1796588380269489700.
-- users: 300
-- compare: multiset
SELECT c.id FROM `groups` p LEFT JOIN `group_owners` c ON c.group_id = p.id AND c.id = '00u1cmc52x5B86cnZ0h8';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT c.device_id FROM `devices` p LEFT JOIN `device_users` c ON p.id = c.device_id AND c.user_last_login = '2023-04-18 17:54:12.000000';
