namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>A client as the admin API receives it (POST creates, PUT replaces). Lifetimes are "hh:mm:ss".</summary>
public sealed record ClientInput
{
    public string? ClientId { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>"confidential" (default: gets a generated secret, returned once) or "public" (no secret).</summary>
    public string? Type { get; init; }

    /// <summary>"explicit" (default: the consent page) or "implicit" (first-party apps).</summary>
    public string? ConsentType { get; init; }

    public List<string>? GrantTypes { get; init; }

    public List<string>? RedirectUris { get; init; }

    public List<string>? PostLogoutRedirectUris { get; init; }

    public string? BackChannelLogoutUri { get; init; }

    public List<string>? Scopes { get; init; }

    public TimeSpan? AccessTokenLifetime { get; init; }

    public TimeSpan? IdentityTokenLifetime { get; init; }

    public TimeSpan? AuthorizationCodeLifetime { get; init; }

    public TimeSpan? RefreshTokenLifetime { get; init; }
}
