namespace Sso.IdentityServer.Admin;

public static class AdminExtensions
{
    /// <summary>The admin pages (users, their sessions, bans, the audit trail) and the policy that guards them.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy.Name, policy => policy.RequireAuthenticatedUser().RequireRole(AdminPolicy.Role));
        services.AddScoped<UserBan>();
        return services;
    }
}
