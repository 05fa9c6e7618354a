-- Growth, part 3 of 3: :tokens tokens, for :tokens / 4 code flows spread evenly over the
-- :authorizations authorizations of part 2 (so over the whole 30 days). Each flow keeps what one
-- code flow writes (compare a fresh database after one flow):
--   an authorization code: redeemed, 2,454-character encrypted payload, reference id, 2 minutes;
--   an access token and an ID token: entries without payload, 5 minutes;
--   a refresh token: valid, 2,498-character payload, reference id, 14 days.
-- The other authorizations have no tokens left (ad-hoc authorizations whose tokens were revoked or
-- pruned): older than the pruning threshold, they are what authorization pruning removes. Nothing
-- has been pruned yet, so tokens older than 14 days are all expired: what token pruning removes.
-- Token ids are random GUIDs, as the server's are.
PRAGMA cache_size = -1000000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :tokens - 1),
flow AS (SELECT (i / 4) * :authorizations / (:tokens / 4) + 1 AS flow, i % 4 AS kind FROM n)
INSERT INTO OpenIddictTokens (Id, ApplicationId, AuthorizationId, ConcurrencyToken, CreationDate, ExpirationDate,
                              Payload, Properties, RedemptionDate, ReferenceId, Status, Subject, Type)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || hex(randomblob(2)) || '-' || hex(randomblob(6))),
       a.ApplicationId, a.Id,
       lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || hex(randomblob(2)) || '-' || hex(randomblob(6))),
       substr(a.CreationDate, 1, 19),
       strftime('%Y-%m-%d %H:%M:%S', a.CreationDate,
                CASE kind WHEN 0 THEN '+2 minutes' WHEN 3 THEN '+14 days' ELSE '+5 minutes' END),
       CASE kind WHEN 0 THEN substr(hex(randomblob(1227)), 1, 2454) WHEN 3 THEN substr(hex(randomblob(1249)), 1, 2498) END,
       NULL,
       CASE kind WHEN 0 THEN strftime('%Y-%m-%d %H:%M:%f', a.CreationDate, '+1 seconds') END,
       CASE WHEN kind IN (0, 3) THEN hex(randomblob(22)) END,
       CASE kind WHEN 0 THEN 'redeemed' ELSE 'valid' END,
       a.Subject,
       CASE kind WHEN 0 THEN 'urn:openiddict:params:oauth:token-type:authorization_code'
                 WHEN 1 THEN 'urn:ietf:params:oauth:token-type:access_token'
                 WHEN 2 THEN 'urn:ietf:params:oauth:token-type:id_token'
                 ELSE 'urn:ietf:params:oauth:token-type:refresh_token' END
FROM flow
JOIN OpenIddictAuthorizations a
  ON a.Id = printf('%08x-%04x-4000-8000-%012x', flow.flow * 2654435761 % 4294967296, flow.flow % 65536, flow.flow);
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
