namespace Sso.IdentityServer.Clients;

/// <summary>
/// Everything an operator or an app may say about a client application, whichever way it is
/// registered (configuration, command line, admin API, dynamic registration, admin pages). Each
/// path turns its own input into this, and <see cref="ClientValidator"/> decides for all of them.
/// </summary>
public sealed record ClientDefinition
{
    public string ClientId { get; init; } = "";

    public string? DisplayName { get; init; }

    public ClientType Type { get; init; } = ClientType.Confidential;

    /// <summary>"implicit" for first-party apps (no consent page), "explicit" for the others.</summary>
    public string ConsentType { get; init; } = OpenIddict.Abstractions.OpenIddictConstants.ConsentTypes.Explicit;

    public IReadOnlyList<string> GrantTypes { get; init; } = [];

    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>Where logout tokens are POSTed when a session the client took part in ends.</summary>
    public string? BackChannelLogoutUri { get; init; }

    /// <summary>OpenID Connect scopes and API scopes; an API scope opens the API resources it names.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Per-client token lifetimes; unset ones use the server-wide TokenLifetimes:*.</summary>
    public ClientTokenLifetimes TokenLifetimes { get; init; } = new();
}
