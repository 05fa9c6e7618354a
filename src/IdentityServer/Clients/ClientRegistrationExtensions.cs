namespace Sso.IdentityServer.Clients;

public static class ClientRegistrationExtensions
{
    /// <summary>The client and scope registries every registration path uses; needs OpenIddict's core and the database.</summary>
    public static IServiceCollection AddClientRegistration(this IServiceCollection services)
    {
        services.AddScoped<ClientRegistry>();
        services.AddScoped<ScopeRegistry>();
        return services;
    }
}
