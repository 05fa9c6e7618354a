namespace Sso.IdentityServer.Admin;

public static class AdminRoutes
{
    public const string Users = "/admin/users";
    public const string Audit = "/admin/audit";

    public static string User(string id) => $"{Users}/{Uri.EscapeDataString(id)}";
}
