using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Sessions;

public static class SessionExtensions
{
    /// <summary>Server-side single sign-on sessions behind the sign-in cookie, and their sweeper.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>()
            .BindConfiguration(SessionOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => options.AbsoluteTimeout >= options.IdleTimeout,
                $"{SessionOptions.Section}:AbsoluteTimeout must not be shorter than {SessionOptions.Section}:IdleTimeout.")
            .ValidateOnStart();

        services.AddScoped<UserSessions>();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddHostedService<ExpiredSessionSweeper>();

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore, IOptions<SessionOptions>>((cookie, store, sessions) =>
            {
                cookie.SessionStore = store;
                // The database enforces the idle timeout; the ticket inside carries the absolute one
                // as a second line. No sliding: renewing the cookie would only rewrite the same key.
                cookie.ExpireTimeSpan = sessions.Value.AbsoluteTimeout;
                cookie.SlidingExpiration = false;
            });
        return services;
    }
}
