namespace Sso.IdentityServer.Protocol;

/// <summary>Claims private to the server: they ride inside encrypted codes and refresh tokens only.</summary>
public static class SsoClaimTypes
{
    /// <summary>
    /// The account's security stamp when the tokens were issued. A password change or an admin
    /// action changes the stamp, and refresh tokens carrying the old one stop working.
    /// </summary>
    public const string SecurityStamp = "sso_stamp";
}
