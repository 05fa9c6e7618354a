namespace Sso.IdentityServer.Admin;

/// <summary>Who may use the admin pages: people with the admin role (seeded under Seed:Users:*:Roles).</summary>
public static class AdminPolicy
{
    public const string Name = "admin";
    public const string Role = "admin";
}
