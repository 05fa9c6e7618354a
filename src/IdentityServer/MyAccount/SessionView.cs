namespace Sso.IdentityServer.MyAccount;

/// <summary>One row of a sessions table: what a person needs to recognise a session as theirs.</summary>
/// <param name="Id">The public session id (<c>sid</c>): not a credential, so it may appear in the page.</param>
/// <param name="Apps">Display names of the apps that got tokens through the session.</param>
/// <param name="IsCurrent">The session of the browser looking at the page.</param>
public sealed record SessionView(
    string Id,
    string Device,
    string? IpAddress,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    IReadOnlyList<string> Apps,
    bool IsCurrent);
