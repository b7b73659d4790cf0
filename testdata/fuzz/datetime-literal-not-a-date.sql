-- A string that is not a date compared with a datetime column: pushdown
-- fails ("Incorrect datetime value") where SQL evaluates it to no rows.
-- Found by TestFuzzPushdown on 2026-12-06, seeds 1 (query #49) and 1796587272811515039 (query #227).
-- users: 300
-- compare: multiset
SELECT t.profile_middle_name FROM `users` t WHERE (t.status_changed = '2026-10-03 14:57:25.563' AND t.id NOT IN ('00uUnBfmFzHc15yxIZzQ')) AND t.profile_title IN (SELECT s.profile_title FROM `users` s WHERE s.activated < '');
SELECT t.last_updated FROM `group_roles` t WHERE t.last_updated > '0' AND EXISTS (SELECT 1 FROM `group_role_target_groups` s WHERE s.group_id = t.group_id AND s.role_assignment_id = t.id);
SELECT t.last_updated FROM `realms` t WHERE t.profile_name IN (' Car Co') AND t.profile_name IN (SELECT s.profile_name FROM `realms` s WHERE s.last_updated > '0');
-- found by TestFuzzPushdown on 2026-12-06, seed 1796590230568778153 (a 5-minute run)
-- compare: multiset
SELECT p.profile_sam_account_name FROM `groups` p JOIN `group_members` c ON c.group_id = p.id WHERE p.id = '00gVket1Q1GepWH' AND c.status_changed > '';
SELECT t.profile_primary_phone FROM `users` t WHERE t.profile_last_name = '00uNOPE' AND t.profile_first_name IN (SELECT s.profile_first_name FROM `users` s WHERE s.last_updated > '0');
