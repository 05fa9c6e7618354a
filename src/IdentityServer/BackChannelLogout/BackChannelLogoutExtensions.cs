namespace Sso.IdentityServer.BackChannelLogout;

public static class BackChannelLogoutExtensions
{
    /// <summary>Logout notices to apps when a session ends: the outbox sender, the token factory, discovery.</summary>
    public static IServiceCollection AddBackChannelLogout(this IServiceCollection services)
    {
        services.AddOptions<BackChannelLogoutOptions>()
            .BindConfiguration(BackChannelLogoutOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddScoped<BackChannelLogoutUris>();
        services.AddSingleton<BackChannelLogoutSignal>();
        services.AddSingleton<LogoutTokenFactory>();
        services.AddHostedService<BackChannelLogoutSender>();

        // The apps' endpoints are servers too: a redirect is not a delivery, and never followed.
        services.AddHttpClient(BackChannelLogoutSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        services.AddOpenIddict().AddServer(server => server.AddEventHandler(BackChannelLogoutDiscovery.Descriptor));
        return services;
    }
}
