-- EXISTS over a keyed child returns the parent row once per matching
-- child with pushdown (a semi-join run as an inner lookup join). Found by TestFuzzPushdown on 2026-12-06, seeds 1 (query #168) and 1796588380269489700.
-- users: 300
-- compare: multiset
SELECT t.created FROM `groups` t WHERE t.id = '00gSotSTJ01Aj0eHRBRY' AND EXISTS (SELECT 1 FROM `group_owners` s WHERE s.group_id = t.id AND s.origin_id LIKE 'nu%');
SELECT t.profile_description FROM `groups` t WHERE t.profile_name LIKE 'IT' AND EXISTS (SELECT 1 FROM `group_owners` s WHERE s.group_id = t.id AND s.id NOT IN ('00u1cmbqjkkmFXeqb0h8 '));
SELECT t.status FROM `apps` t WHERE t.name < 'servicenow_app2 ' AND EXISTS (SELECT 1 FROM `app_grants` s WHERE s.app_id = t.id AND s.app_id LIKE '0oalroSZMmyaQh%');
-- found by TestFuzzPushdown on 2026-12-06, seed 1796589524671505212 (a 4-minute run)
-- compare: multiset
SELECT t.type FROM `groups` t WHERE t.id BETWEEN '00GJRAVV0JUOUX4JL6LL' AND '00gjravv0juoux4jl6ll' AND EXISTS (SELECT 1 FROM `group_members` s WHERE s.group_id = t.id AND s.status_changed > '2025-03-12');
