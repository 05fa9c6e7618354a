using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Sso.IdentityServer.Sessions;

/// <summary>
/// Makes the sign-in cookie hold only a session key: the cookie handler stores, resumes, renews and
/// removes the session through here, and <see cref="UserSessions"/> keeps it in the database.
/// </summary>
/// <remarks>
/// The cookie handler signs in over a session it has read by renewing it under the same key; a
/// sign-in must start a new session instead, which <see cref="Accounts.SessionSignIn"/> does.
/// </remarks>
public sealed class DatabaseTicketStore : ITicketStore
{
    private const string EndReasonItem = "Sso.SessionEndReason";

    /// <summary>Why the session the handler is about to remove ends; a plain sign-out when not set.</summary>
    public static void SetEndReason(HttpContext http, SessionEndReason reason)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[EndReasonItem] = reason;
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        Sessions(httpContext).StartAsync(ticket, httpContext, cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        Sessions(httpContext).ResumeAsync(key, cancellationToken);

    /// <remarks>
    /// The cookie handler renews while the response is starting, too late for a 503: a failure here
    /// would cut the response off as a bare 500. Skipping a renewal is safe (the session keeps its
    /// previous ticket and the security stamp is checked again at the next request), so a database
    /// that is unreachable just then is logged and the page goes out.
    /// </remarks>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        try
        {
            await Sessions(httpContext).RenewAsync(key, ticket, cancellationToken);
        }
        catch (Exception exception) when (Resilience.DatabaseUnavailability.Is(exception))
        {
            httpContext.RequestServices.GetRequiredService<ILogger<DatabaseTicketStore>>()
                .LogWarning(exception, "Renewing a session ticket was skipped: the database is unavailable");
        }
    }

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
