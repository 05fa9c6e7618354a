using OpenIddict.Abstractions;
using Sso.IdentityServer.Sessions;

namespace Sso.IdentityServer.MyAccount;

/// <summary>Describes a person's live sessions for the account and admin pages.</summary>
public sealed class SessionViews(UserSessions sessions, IOpenIddictApplicationManager applications)
{
    public async Task<IReadOnlyList<SessionView>> ForUserAsync(string userId, string? currentSessionId, CancellationToken cancellationToken)
    {
        var live = await sessions.ListAsync(userId, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<SessionView>(live.Count);
        foreach (var session in live)
        {
            var apps = new List<string>();
            foreach (var clientId in session.Clients.OrderBy(client => client.SignedInAt).Select(client => client.ClientId).Distinct(StringComparer.Ordinal))
            {
                apps.Add(await DisplayNameAsync(clientId, names, cancellationToken));
            }

            rows.Add(new SessionView(session.Id, DeviceDescription.Of(session.UserAgent), session.IpAddress, session.CreatedAt,
                session.LastSeenAt, apps, session.Id == currentSessionId));
        }

        return rows;
    }

    // People know their apps by name, not by client id; a client removed since falls back to its id.
    private async Task<string> DisplayNameAsync(string clientId, Dictionary<string, string> known, CancellationToken cancellationToken)
    {
        if (!known.TryGetValue(clientId, out var name))
        {
            var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
            name = application is null ? clientId : await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? clientId;
            known[clientId] = name;
        }

        return name;
    }
}
