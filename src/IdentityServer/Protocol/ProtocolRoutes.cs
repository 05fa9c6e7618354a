namespace Sso.IdentityServer.Protocol;

/// <summary>
/// Paths of the protocol endpoints, shared by the OpenIddict configuration and the pages and
/// endpoints that handle them (Razor <c>@page</c> directives repeat them as literals; the discovery
/// tests catch a mismatch).
/// </summary>
public static class ProtocolRoutes
{
    public const string Authorization = "connect/authorize";
    public const string Token = "connect/token";
    public const string UserInfo = "connect/userinfo";
    public const string EndSession = "connect/endsession";
    public const string Introspection = "connect/introspect";
    public const string Revocation = "connect/revoke";
    public const string JsonWebKeySet = ".well-known/jwks";
}
