-- Growth, part 1 of 3 (bench/run.sh runs the parts in order and measures the file after each).
-- :users users "grow-user-N" (N from 1), each with bench-user-0's password hash (PBKDF2-SHA512,
-- 210,000 iterations, as the server wrote it), so every one signs in with bench-user-0's password.
PRAGMA cache_size = -1000000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :users),
template AS (SELECT PasswordHash FROM AspNetUsers WHERE UserName = 'bench-user-0')
INSERT INTO AspNetUsers (Id, DisplayName, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed,
                         PasswordHash, SecurityStamp, ConcurrencyStamp, PhoneNumber, PhoneNumberConfirmed,
                         TwoFactorEnabled, LockoutEnd, LockoutEnabled, AccessFailedCount)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || hex(randomblob(2)) || '-' || hex(randomblob(6))),
       'Grow User ' || i, 'grow-user-' || i, 'GROW-USER-' || i,
       'grow-user-' || i || '@example.test', 'GROW-USER-' || i || '@EXAMPLE.TEST', 1,
       template.PasswordHash, upper(hex(randomblob(16))),
       lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || hex(randomblob(2)) || '-' || hex(randomblob(6))),
       NULL, 0, 0, NULL, 1, 0
FROM n, template;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
