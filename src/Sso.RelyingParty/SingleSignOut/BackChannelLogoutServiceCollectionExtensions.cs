using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sso.RelyingParty.Sessions;

namespace Sso.RelyingParty.SingleSignOut;

public static class BackChannelLogoutServiceCollectionExtensions
{
    /// <summary>
    /// What <see cref="BackChannelLogoutEndpoint.MapSsoBackChannelLogout"/> needs: the logout token
    /// validator (keys from the sign-in handler's discovery), the replay cache and the server-side
    /// sessions it ends. Timings from the "BackChannelLogout" section, validated at start.
    /// </summary>
    public static IServiceCollection AddSsoBackChannelLogout(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddSsoSessions();
        services.AddOptions<BackChannelLogoutOptions>()
            .BindConfiguration(BackChannelLogoutOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackChannelLogoutOptions>, BackChannelLogoutOptionsValidator>());

        services.TryAddSingleton(provider => new LogoutTokenReplayCache(
            provider.GetRequiredService<SessionDatabase>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<LogoutTokenValidator>();

        return services;
    }
}
