-- A literal that does not convert ('' as a datetime) raised an error only
-- when a row reached the comparison: without pushdown every user did;
-- with pushdown id IN (NULL) made no call and count(*) answered 0. The
-- statement now fails before any row is read, either way (server
-- raiseEarly); a 30-minute run found the same class the other way round
-- (with pushdown a join order let rows reach the comparison).
-- found by TestFuzzPushdown on 2026-12-06, seed 77, query #348 (saved with -fuzz.save)
-- users: 300
-- compare: multiset
SELECT count(*) FROM `users` p WHERE p.id IN (NULL) AND p.last_updated = '';
-- found by TestFuzzPushdown on 2026-12-06, seed 1796600189227008335, query #8998 (30 minutes, 5,000 users)
-- users: 300
-- compare: multiset
SELECT count(*) FROM (SELECT p.profile_windows_domain_qualified_name FROM `group_members` c JOIN `groups` p ON p.id = c.group_id WHERE p.type BETWEEN 'OKTA_GROUPzz' AND 'built_in' AND c.password_changed = '0' AND c.group_id = '00g0u7d2YQntauT6J9GD') x;
