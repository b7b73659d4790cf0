-- A LEFT JOIN to a key table followed by an inner join to the same table
-- on its id: go-mysql-server reorders it into (p JOIN c2) LEFT JOIN c and
-- loses the condition c2.id = c.id when the tables have their primary-key
-- index (pushdown on), so each row comes once per child of the parent.
-- Found by TestFuzzPushdown on 2026-12-06 (a 30-minute run, 5,000 users).
-- users: 300
-- compare: multiset
SELECT c2.id FROM `identity_providers` p LEFT JOIN `idp_csrs` c ON c.idp_id = p.id JOIN `idp_csrs` c2 ON c2.idp_id = p.id AND c2.id = c.id;
