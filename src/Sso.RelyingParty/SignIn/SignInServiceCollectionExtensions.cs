using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sso.RelyingParty.Tokens;

namespace Sso.RelyingParty.SignIn;

public static class SignInServiceCollectionExtensions
{
    /// <summary>
    /// Cookie session (default scheme) + OpenID Connect (challenge scheme) against the identity
    /// server, with silent access-token renewal. Settings come from the "Sso" section, read when
    /// first needed and validated at start.
    /// </summary>
    public static IServiceCollection AddSsoSignIn(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        SsoClientOptionsRegistration.AddOnce(services);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccessTokenRenewal>();
        services.TryAddScoped<SessionCookieEvents>();
        services.TryAddScoped<SignInFailureEvents>();
        services.AddHttpClient(AccessTokenRenewal.HttpClientName, (provider, client) =>
            client.Timeout = provider.GetRequiredService<IOptions<SsoClientOptions>>().Value.BackchannelTimeout);

        // Settings are applied by IConfigureNamedOptions classes, so values overridden after
        // Program.cs ran (WebApplicationFactory) are honoured.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<CookieAuthenticationOptions>, ConfigureSessionCookie>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureOpenIdConnect>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AntiforgeryOptions>, ConfigureAntiforgeryCookie>());

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect();
        services.AddAuthorization();

        return services;
    }
}
