using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>
    /// Server-side sessions for the app's cookie: tickets in a SQLite file ("Sessions:SqlitePath"),
    /// encrypted with the app's data protection, and purged when expired. Needed by back-channel
    /// logout, which ends sessions by sid or sub.
    /// </summary>
    public static IServiceCollection AddSsoSessions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(SessionTicketStore)))
        {
            return services;
        }

        services.AddOptions<AppSessionOptions>()
            .BindConfiguration(AppSessionOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AppSessionOptions>, DefaultSessionPath>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AppSessionOptions>, AppSessionOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SessionDatabase>();
        services.TryAddSingleton(provider => new AppSessions(
            provider.GetRequiredService<SessionDatabase>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SessionTicketStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<CookieAuthenticationOptions>, ConfigureSessionStore>());
        services.AddHostedService<ExpiredSessionPurger>();

        return services;
    }
}
