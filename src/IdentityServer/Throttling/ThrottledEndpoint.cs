namespace Sso.IdentityServer.Throttling;

/// <summary>The kinds of request that have a limit, told apart by method and path.</summary>
public enum ThrottledEndpoint
{
    None,
    SignIn,
    Token,
    Registration,
    AdminApi,
    AdminPages,
}
