-- A lookup join drops the condition on the child's id in ON: rows of other
-- children come back. Found by TestFuzzPushdown on 2026-12-06, seed 1796588380269489700.
-- users: 300
-- compare: multiset
SELECT c.id FROM `groups` p LEFT JOIN `group_owners` c ON c.group_id = p.id AND c.id = '00u1cmc52x5B86cnZ0h8';
