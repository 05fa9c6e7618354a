using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.Audit;

/// <summary>Writes audit events into the shared database, next to what they describe.</summary>
public sealed class AuditTrail(SsoDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>
    /// Adds an event to the current unit of work without saving: the caller's SaveChanges stores it
    /// together with the change it describes, or neither.
    /// </summary>
    public void Add(AuditEventType type, string? userId = null, string? userName = null, string? actor = null,
        string? clientId = null, string? sessionId = null, string? detail = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = time.GetUtcNow(),
            Type = type,
            UserId = userId,
            UserName = Truncate(userName, 256),
            Actor = actor,
            ClientId = clientId,
            SessionId = sessionId,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Detail = Truncate(detail, 1000),
        });

    /// <summary>Records an event on its own.</summary>
    public async Task RecordAsync(AuditEventType type, string? userId = null, string? userName = null, string? actor = null,
        string? clientId = null, string? sessionId = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        Add(type, userId, userName, actor, clientId, sessionId, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int length) =>
        value is { Length: var actual } && actual > length ? value[..length] : value;
}
