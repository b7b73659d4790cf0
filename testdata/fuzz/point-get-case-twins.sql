-- Two logins that differ only in case were two point GETs of one user
-- (Okta finds a login whatever its case), so the user came twice; they
-- are one search now.
-- Found by TestFuzzPushdown on 2026-12-06 (a 25-minute run, 5,000 users).
-- users: 300
-- compare: multiset
SELECT t.profile_last_name FROM `users` t WHERE t.profile_login IN ('chinedu.adams@example.com', 'CHINEDU.ADAMS@EXAMPLE.COM');
