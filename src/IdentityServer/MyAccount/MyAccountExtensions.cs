namespace Sso.IdentityServer.MyAccount;

public static class MyAccountExtensions
{
    /// <summary>People's own account pages: their sessions and their password.</summary>
    public static IServiceCollection AddMyAccount(this IServiceCollection services)
    {
        services.AddScoped<SessionViews>();
        return services;
    }
}
