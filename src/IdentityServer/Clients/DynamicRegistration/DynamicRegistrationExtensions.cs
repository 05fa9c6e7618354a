namespace Sso.IdentityServer.Clients.DynamicRegistration;

public static class DynamicRegistrationExtensions
{
    /// <summary>RFC 7591/7592 registration: the policy for self-registered clients, initial access tokens, discovery.</summary>
    public static IServiceCollection AddDynamicRegistration(this IServiceCollection services)
    {
        services.AddInitialAccessTokens();
        services.AddOpenIddict().AddServer(server => server.AddEventHandler(RegistrationDiscovery.Descriptor));
        return services;
    }

    /// <summary>What issuing initial access tokens needs; the command line uses this part alone.</summary>
    public static IServiceCollection AddInitialAccessTokens(this IServiceCollection services)
    {
        services.AddOptions<RegistrationOptions>()
            .BindConfiguration(RegistrationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<InitialAccessTokens>();
        return services;
    }
}
