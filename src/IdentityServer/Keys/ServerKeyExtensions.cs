using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Sso.IdentityServer.Keys;

public static class ServerKeyExtensions
{
    /// <summary>Persisted signing and encryption keys, shared by every instance through the database.</summary>
    public static IServiceCollection AddServerKeys(this IServiceCollection services)
    {
        services.AddServerKeyRotation();
        services.AddSingleton<ServerKeyRing>();
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ServerKeyRing>());
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ConfigureServerKeys>();
        services.AddHostedService<ServerKeyRefresher>();
        services.AddHostedService<ScheduledKeyRotation>();
        return services;
    }

    /// <summary>What rotating keys needs, without serving them: shared by the server and the <c>keys</c> command.</summary>
    public static IServiceCollection AddServerKeyRotation(this IServiceCollection services)
    {
        services.AddOptions<ServerKeyOptions>()
            .BindConfiguration(ServerKeyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<ServerKeyRotator>();
        return services;
    }
}
