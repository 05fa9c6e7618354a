namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>A client as the admin API shows it: never its secret, which only exists as a hash.</summary>
public sealed record ClientResource(
    string ClientId,
    string? DisplayName,
    string Type,
    string ConsentType,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    string? BackChannelLogoutUri,
    IReadOnlyList<string> Scopes,
    TimeSpan? AccessTokenLifetime,
    TimeSpan? IdentityTokenLifetime,
    TimeSpan? AuthorizationCodeLifetime,
    TimeSpan? RefreshTokenLifetime,
    string Source,
    bool HasSecret)
{
    public static ClientResource From(RegisteredClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var d = client.Definition;
        return new ClientResource(d.ClientId, d.DisplayName, d.Type == ClientType.Public ? "public" : "confidential", d.ConsentType,
            d.GrantTypes, d.RedirectUris, d.PostLogoutRedirectUris, d.BackChannelLogoutUri, d.Scopes,
            d.TokenLifetimes.AccessToken, d.TokenLifetimes.IdentityToken, d.TokenLifetimes.AuthorizationCode, d.TokenLifetimes.RefreshToken,
            client.Source.ToString(), client.HasSecret);
    }
}
