namespace Sso.IdentityServer.Clients;

/// <summary>
/// The scope that opens the admin API (/admin/api) and the audience its tokens are for. It exists
/// on every server, whatever the configuration declares, so an operator only has to register a
/// service client that may ask for it.
/// </summary>
public static class AdminScope
{
    public const string Name = "sso.admin";

    public const string Resource = "sso-admin-api";
}
