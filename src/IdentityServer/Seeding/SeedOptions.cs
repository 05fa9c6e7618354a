using Sso.IdentityServer.Clients;

namespace Sso.IdentityServer.Seeding;

/// <summary>
/// Users, scopes and clients declared in configuration, created or updated at every start. The demo
/// users and the two apps live in appsettings.Development.json only; production declares what it
/// needs (secrets from the environment or a secret store, never from a committed file).
/// </summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public List<SeedUser> Users { get; set; } = [];

    public List<SeedScope> Scopes { get; set; } = [];

    public List<SeedClient> Clients { get; set; } = [];

    /// <summary>
    /// Deletes, at start, clients that an earlier configuration declared and this one no longer
    /// does. Off by default; clients registered any other way are never pruned.
    /// </summary>
    public bool PruneClients { get; set; }
}

public sealed class SeedUser
{
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public List<string> Roles { get; set; } = [];
}

/// <summary>An API scope, and the API resources (audiences) a token granted it is meant for.</summary>
public sealed class SeedScope
{
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public List<string> Resources { get; set; } = [];

    public ScopeDefinition ToDefinition() => new() { Name = Name, DisplayName = DisplayName, Description = Description, Resources = Resources };
}

public sealed class SeedClient
{
    public string ClientId { get; set; } = "";

    /// <summary>Set for confidential clients; public clients (native, SPA) have none.</summary>
    public string? ClientSecret { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>"implicit" for first-party apps (no consent page), "explicit" for the others.</summary>
    public string ConsentType { get; set; } = "explicit";

    public List<string> GrantTypes { get; set; } = [];

    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Where the server POSTs logout tokens when a session the client took part in ends (https; http only on loopback).</summary>
    public string? BackChannelLogoutUri { get; set; }

    public List<string> Scopes { get; set; } = [];

    /// <summary>Per-client token lifetimes, each at most the server-wide TokenLifetimes value.</summary>
    public TimeSpan? AccessTokenLifetime { get; set; }

    public TimeSpan? IdentityTokenLifetime { get; set; }

    public TimeSpan? AuthorizationCodeLifetime { get; set; }

    public TimeSpan? RefreshTokenLifetime { get; set; }

    public ClientDefinition ToDefinition() => new()
    {
        ClientId = ClientId,
        DisplayName = DisplayName,
        Type = ClientSecret is null ? ClientType.Public : ClientType.Confidential,
        ConsentType = ConsentType,
        GrantTypes = GrantTypes,
        RedirectUris = RedirectUris,
        PostLogoutRedirectUris = PostLogoutRedirectUris,
        BackChannelLogoutUri = string.IsNullOrEmpty(BackChannelLogoutUri) ? null : BackChannelLogoutUri,
        Scopes = Scopes,
        TokenLifetimes = new ClientTokenLifetimes
        {
            AccessToken = AccessTokenLifetime,
            IdentityToken = IdentityTokenLifetime,
            AuthorizationCode = AuthorizationCodeLifetime,
            RefreshToken = RefreshTokenLifetime,
        },
    };

}
