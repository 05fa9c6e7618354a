namespace Sso.IdentityServer.Protocol;

/// <summary>Claim types OpenIddict has no constant for.</summary>
public static class SsoClaimTypes
{
    /// <summary>
    /// The account's security stamp when the tokens were issued. A password change or an admin
    /// action changes the stamp, and refresh tokens carrying the old one stop working.
    /// </summary>
    public const string SecurityStamp = "sso_stamp";

    /// <summary>
    /// The single sign-on session the tokens were issued in (OpenID Connect Back-Channel Logout §2.1):
    /// apps find their local sessions by it when the server says the session ended.
    /// </summary>
    public const string SessionId = "sid";
}
