using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Sso.IdentityServer.Accounts;

namespace Sso.IdentityServer.Sessions;

/// <summary>
/// Makes the sign-in cookie hold only a session key: the cookie handler stores, resumes, renews and
/// removes the session through here, and <see cref="UserSessions"/> keeps it in the database.
/// </summary>
/// <remarks>
/// The cookie handler signs in over a session it already read by renewing it under the same key,
/// which would keep a key known before the sign-in (session fixation). So the sign-in page never
/// sees the current session: it serves an anonymous visitor, a successful sign-in there stores a
/// new session under a new key, and the session the browser had before is ended.
/// </remarks>
public sealed class DatabaseTicketStore : ITicketStore
{
    private const string EndReasonItem = "Sso.SessionEndReason";
    private const string ReplacedKeyItem = "Sso.ReplacedSessionKey";

    /// <summary>Why the session the handler is about to remove ends; a plain sign-out when not set.</summary>
    public static void SetEndReason(HttpContext http, SessionEndReason reason)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[EndReasonItem] = reason;
    }

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var sessions = Sessions(httpContext);
        var key = await sessions.StartAsync(ticket, httpContext, cancellationToken);
        if (httpContext.Items[ReplacedKeyItem] is string replaced)
        {
            await sessions.EndByKeyAsync(replaced, SessionEndReason.SignedInAgain, cancellationToken);
        }

        return key;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (httpContext.Request.Path.Equals(AccountRoutes.Login, StringComparison.OrdinalIgnoreCase))
        {
            // Set aside (see remarks); remembered so that a successful sign-in ends it.
            httpContext.Items[ReplacedKeyItem] = key;
            return Task.FromResult<AuthenticationTicket?>(null);
        }

        return Sessions(httpContext).ResumeAsync(key, cancellationToken);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        Sessions(httpContext).RenewAsync(key, ticket, cancellationToken);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var reason = httpContext.Items[EndReasonItem] is SessionEndReason given ? given : SessionEndReason.SignedOut;
        return Sessions(httpContext).EndByKeyAsync(key, reason, cancellationToken);
    }

    // The cookie handler always passes the request; these overloads exist for older callers only.
    public Task<string> StoreAsync(AuthenticationTicket ticket) => throw RequestNeeded();

    public Task RenewAsync(string key, AuthenticationTicket ticket) => throw RequestNeeded();

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => throw RequestNeeded();

    public Task RemoveAsync(string key) => throw RequestNeeded();

    private static UserSessions Sessions(HttpContext http) => http.RequestServices.GetRequiredService<UserSessions>();

    private static NotSupportedException RequestNeeded() => new("Sessions are stored per request; the cookie handler passes the HttpContext.");
}
