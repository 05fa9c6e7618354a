-- Growth, part 2 of 3: :authorizations ad-hoc authorizations of the bench-web client, one per
-- past code flow, as the authorization endpoint writes them. Authorization i was created
-- i / :authorizations of 30 days ago (1 is the newest) for user grow-user-((i mod :users) + 1).
-- Ids are GUID-shaped like the server's, and derived from i so that part 3 can find them.
PRAGMA cache_size = -1000000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :authorizations),
app AS (SELECT Id FROM OpenIddictApplications WHERE ClientId = 'bench-web')
INSERT INTO OpenIddictAuthorizations (Id, ApplicationId, ConcurrencyToken, CreationDate, Properties, Scopes, Status,
                                      Subject, Type)
SELECT printf('%08x-%04x-4000-8000-%012x', i * 2654435761 % 4294967296, i % 65536, i), app.Id,
       lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || hex(randomblob(2)) || '-' || hex(randomblob(6))),
       strftime('%Y-%m-%d %H:%M:%f', 'now', printf('-%d seconds', i * 2592000 / :authorizations)),
       NULL, '["openid","profile","email","offline_access","billing.read"]', 'valid',
       (SELECT Id FROM AspNetUsers WHERE NormalizedUserName = 'GROW-USER-' || (i % :users + 1)), 'ad-hoc'
FROM n, app;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
