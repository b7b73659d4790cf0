-- groups.users_count is NULL when the row comes from a point GET (no
-- expand=stats) and set when it comes from the list. Found by TestFuzzPushdown on 2026-12-06, seed 1796588380269489700.
-- users: 300
-- compare: multiset
SELECT t.users_count FROM `groups` t WHERE t.id IN ('00gD3FUrfbw8evEq7guT');
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: multiset
SELECT t.users_count FROM `groups` t WHERE t.id IN ('00gDEnkKqPyL981O2l3Y');
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589877930649613 (a 3-minute run)
-- compare: multiset
SELECT t.users_count FROM `groups` t WHERE t.id IN ('00ge4Fz7QH7gm02DlhAk');
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT t.users_count FROM `groups` t WHERE t.id = '00gUDAbgzRoRYsyG6xE6';
