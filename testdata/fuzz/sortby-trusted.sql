-- An ORDER BY a date of groups goes to sortBy with the search, and the
-- order of the answer is trusted; the emulated org's groups come back in
-- another order, so the rows (under a LIMIT) and their order differ.
-- Found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run).
-- users: 300
-- compare: keys 1 multiset
SELECT t.created FROM `groups` t WHERE t.created > '2025-12-30 05:11:29' ORDER BY t.created;
SELECT t.created FROM `groups` t WHERE t.last_updated <= '2022-04-17 04:55:36' ORDER BY t.created DESC;
SELECT t.created FROM `groups` t WHERE t.type = 'APP_GROUP' ORDER BY t.created DESC;
SELECT t.last_membership_updated FROM `groups` t WHERE t.type = 'APP_GROUP' ORDER BY t.last_membership_updated;
SELECT t.last_updated FROM `groups` t WHERE t.last_updated BETWEEN '2023-09-04 06:47:05.982' AND '2025-08-30T08:13:07.117' ORDER BY t.last_updated DESC;
-- checked by hand: with a LIMIT the wrong rows come back
-- compare: keys 2 multiset
SELECT t.id, t.created FROM `groups` t WHERE t.type = 'OKTA_GROUP' ORDER BY t.created DESC LIMIT 5;
SELECT t.id, t.last_updated FROM `groups` t WHERE t.type = 'OKTA_GROUP' ORDER BY t.last_updated DESC LIMIT 5;
-- compare: keys 2
SELECT t.id, t.created FROM `groups` t WHERE t.created > '2020-01-01' ORDER BY t.created DESC LIMIT 3;
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: keys 1 multiset
SELECT t.last_updated FROM `groups` t WHERE t.last_membership_updated <= '2026-10-13 19:55:04' ORDER BY t.last_updated;
