namespace Sso.IdentityServer.Clients;

/// <summary>
/// Token lifetimes for one client. A client may shorten the server-wide lifetimes, never lengthen
/// them: the server keeps its signing keys as long as its longest token lifetime, and operators set
/// the ceiling once in TokenLifetimes:*.
/// </summary>
public sealed record ClientTokenLifetimes
{
    public TimeSpan? AccessToken { get; init; }

    public TimeSpan? IdentityToken { get; init; }

    public TimeSpan? AuthorizationCode { get; init; }

    public TimeSpan? RefreshToken { get; init; }
}
