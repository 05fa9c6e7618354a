namespace Sso.IdentityServer.Clients;

/// <summary>
/// Which part of a client a validation error is about. Each registration path names it in its own
/// vocabulary: an RFC 7591 metadata name, a JSON property, a command-line option, a form field.
/// </summary>
public enum ClientField
{
    ClientId,
    DisplayName,
    ClientType,
    ConsentType,
    GrantTypes,
    RedirectUris,
    PostLogoutRedirectUris,
    BackChannelLogoutUri,
    Scopes,
    AccessTokenLifetime,
    IdentityTokenLifetime,
    AuthorizationCodeLifetime,
    RefreshTokenLifetime,
    ClientSecret,
}
