using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.BackChannelLogout;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Protocol;

namespace Sso.IdentityServer.Sessions;

/// <summary>
/// The single sign-on sessions in the shared database: started at sign-in, resumed on each request
/// by the cookie's key, ended by sign-out, timeout, the person, an admin or a ban. Ending a session
/// is one transaction that deletes it, queues a back-channel logout for each app that took part,
/// and records why; then the session's authorizations (and so its refresh tokens) are revoked.
/// </summary>
public sealed class UserSessions(
    SsoDbContext db,
    AuditTrail audit,
    BackChannelLogoutUris logoutUris,
    BackChannelLogoutSignal logoutSignal,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    IOptions<SessionOptions> options,
    TimeProvider time,
    ILogger<UserSessions> logger)
{
    /// <summary>Stores a new session for a fresh sign-in and returns the key for the cookie.</summary>
    public async Task<string> StartAsync(AuthenticationTicket ticket, HttpContext http, CancellationToken cancellationToken)
    {
        var userId = ticket.Principal.FindFirstValue(OpenIddictConstants.Claims.Subject)
            ?? throw new InvalidOperationException("A session needs a signed-in user.");
        var now = time.GetUtcNow();
        var settings = options.Value;
        var key = SessionKey.NewKey();
        var session = new UserSession
        {
            Id = SessionKey.NewSessionId(),
            KeyHash = SessionKey.Hash(key),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            IdleExpiresAt = now + settings.IdleTimeout,
            AbsoluteExpiresAt = now + settings.AbsoluteTimeout,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 512),
            Ticket = [],
        };
        ticket.Properties.ExpiresUtc = session.AbsoluteExpiresAt;
        session.Ticket = Serialize(ticket, session.Id);
        db.UserSessions.Add(session);
        audit.Add(AuditEventType.SessionStarted, userId, ticket.Principal.FindFirstValue(OpenIddictConstants.Claims.Name), sessionId: session.Id);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>
    /// The session behind a cookie's key, or null when it is unknown, ended or expired (an expired
    /// one is ended now, so its apps are told). Use pushes the idle expiry forward.
    /// </summary>
    public async Task<AuthenticationTicket?> ResumeAsync(string key, CancellationToken cancellationToken)
    {
        var hash = SessionKey.Hash(key);
        var session = await db.UserSessions.SingleOrDefaultAsync(candidate => candidate.KeyHash == hash, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (IsExpired(session, now))
        {
            await EndAsync(session, SessionEndReason.TimedOut, actor: null, cancellationToken);
            return null;
        }

        if (now - session.LastSeenAt >= options.Value.ActivityResolution)
        {
            await MarkActiveAsync(session.Id, now, cancellationToken);
        }

        return Deserialize(session);
    }

    /// <summary>Replaces the stored ticket (the principal was refreshed, e.g. after the security stamp check).</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var hash = SessionKey.Hash(key);
        var session = await db.UserSessions.SingleOrDefaultAsync(candidate => candidate.KeyHash == hash, cancellationToken);
        if (session is not null)
        {
            ticket.Properties.ExpiresUtc = session.AbsoluteExpiresAt;
            session.Ticket = Serialize(ticket, session.Id);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Counts an app's token refresh as activity, so someone working in an app is not signed out for
    /// being idle here. False when the session has ended or expired: no more tokens from it.
    /// </summary>
    public async Task<bool> TouchAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(candidate => candidate.Id == sessionId, cancellationToken);
        var now = time.GetUtcNow();
        if (session is null || IsExpired(session, now))
        {
            return false;
        }

        if (now - session.LastSeenAt >= options.Value.ActivityResolution)
        {
            await MarkActiveAsync(session.Id, now, cancellationToken);
        }

        return true;
    }

    /// <summary>Remembers that an app got tokens through this session, under which authorization.</summary>
    public async Task RecordClientAsync(string sessionId, string clientId, string authorizationId, CancellationToken cancellationToken)
    {
        db.UserSessionClients.Add(new UserSessionClient
        {
            SessionId = sessionId,
            ClientId = clientId,
            AuthorizationId = authorizationId,
            SignedInAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The person's live sessions, newest first, with the apps that used each.</summary>
    public async Task<IReadOnlyList<UserSession>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessions = await db.UserSessions.AsNoTracking()
            .Include(session => session.Clients)
            .Where(session => session.UserId == userId && session.IdleExpiresAt > now && session.AbsoluteExpiresAt > now)
            .OrderByDescending(session => session.CreatedAt)
            .ToListAsync(cancellationToken);
        return sessions;
    }

    public async Task<int> CountLiveAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.UserSessions.CountAsync(session => session.IdleExpiresAt > now && session.AbsoluteExpiresAt > now, cancellationToken);
    }

    public async Task EndByKeyAsync(string key, SessionEndReason reason, CancellationToken cancellationToken)
    {
        var hash = SessionKey.Hash(key);
        var session = await db.UserSessions.Include(candidate => candidate.Clients)
            .SingleOrDefaultAsync(candidate => candidate.KeyHash == hash, cancellationToken);
        if (session is not null)
        {
            await EndAsync(session, reason, actor: null, cancellationToken);
        }
    }

    /// <summary>Ends one session of a user; false when there is no such live session of theirs.</summary>
    public async Task<bool> EndAsync(string userId, string sessionId, SessionEndReason reason, string? actor, CancellationToken cancellationToken)
    {
        var session = await db.UserSessions.Include(candidate => candidate.Clients)
            .SingleOrDefaultAsync(candidate => candidate.Id == sessionId && candidate.UserId == userId, cancellationToken);
        if (session is null)
        {
            return false;
        }

        await EndAsync(session, reason, actor, cancellationToken);
        return true;
    }

    /// <summary>Ends every session of a user, except <paramref name="keepSessionId"/> if given.</summary>
    public async Task<int> EndAllAsync(string userId, SessionEndReason reason, string? actor, string? keepSessionId, CancellationToken cancellationToken)
    {
        var sessions = await db.UserSessions.Include(session => session.Clients)
            .Where(session => session.UserId == userId && session.Id != keepSessionId)
            .ToListAsync(cancellationToken);
        foreach (var session in sessions)
        {
            await EndAsync(session, reason, actor, cancellationToken);
        }

        return sessions.Count;
    }

    /// <summary>Ends the sessions that timed out; their apps are told like for any other ending.</summary>
    public async Task<int> EndExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = await db.UserSessions.Include(session => session.Clients)
            .Where(session => session.IdleExpiresAt <= now || session.AbsoluteExpiresAt <= now)
            .OrderBy(session => session.IdleExpiresAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        foreach (var session in expired)
        {
            await EndAsync(session, SessionEndReason.TimedOut, actor: null, cancellationToken);
        }

        return expired.Count;
    }

    private async Task EndAsync(UserSession session, SessionEndReason reason, string? actor, CancellationToken cancellationToken)
    {
        if (db.Entry(session).Collection(candidate => candidate.Clients) is { IsLoaded: false } clients)
        {
            await clients.LoadAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var notices = 0;
        foreach (var clientId in session.Clients.Select(client => client.ClientId).Distinct(StringComparer.Ordinal))
        {
            if (await logoutUris.FindAsync(clientId, cancellationToken) is { } uri)
            {
                db.BackChannelLogoutDeliveries.Add(new BackChannelLogoutDelivery
                {
                    SessionId = session.Id,
                    UserId = session.UserId,
                    ClientId = clientId,
                    LogoutUri = uri.ToString(),
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                notices++;
            }
        }

        db.UserSessions.Remove(session);
        audit.Add(AuditEventType.SessionEnded, session.UserId, actor: actor, sessionId: session.Id, detail: reason.ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request or instance ended it first, and told the apps.
            db.ChangeTracker.Clear();
            return;
        }

        if (notices > 0)
        {
            logoutSignal.Notify();
        }

        // After the commit: even if this fails half-way, the token endpoint refuses anything issued
        // in a session that no longer exists.
        foreach (var authorizationId in session.Clients.Select(client => client.AuthorizationId).Distinct(StringComparer.Ordinal))
        {
            await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
            if (await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization, cancellationToken);
            }
        }

        logger.LogInformation("Session {SessionId} of user {UserId} ended ({Reason}); {Notices} apps to notify",
            session.Id, session.UserId, reason, notices);
    }

    private async Task MarkActiveAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var idleExpiresAt = now + options.Value.IdleTimeout;
        await db.UserSessions.Where(session => session.Id == sessionId)
            .ExecuteUpdateAsync(update => update
                .SetProperty(session => session.LastSeenAt, now)
                .SetProperty(session => session.IdleExpiresAt, idleExpiresAt), cancellationToken);
    }

    private static bool IsExpired(UserSession session, DateTimeOffset now) =>
        session.IdleExpiresAt <= now || session.AbsoluteExpiresAt <= now;

    // The sid travels inside the ticket, so every page and the authorization endpoint can read it.
    private static byte[] Serialize(AuthenticationTicket ticket, string sessionId)
    {
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var stale in identity.FindAll(SsoClaimTypes.SessionId).ToList())
            {
                identity.RemoveClaim(stale);
            }

            identity.AddClaim(new Claim(SsoClaimTypes.SessionId, sessionId));
        }

        return TicketSerializer.Default.Serialize(ticket);
    }

    private static AuthenticationTicket? Deserialize(UserSession session) => TicketSerializer.Default.Deserialize(session.Ticket);

    private static string? Truncate(string value, int length) =>
        value.Length == 0 ? null : value.Length > length ? value[..length] : value;
}
