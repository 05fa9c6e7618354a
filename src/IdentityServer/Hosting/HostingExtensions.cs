using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Sso.Hardening;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Throttling;

namespace Sso.IdentityServer.Hosting;

public static class HostingExtensions
{
    public const string SecureAntiforgeryCookieName = "__Host-sso.antiforgery";

    public const string PlainAntiforgeryCookieName = "sso.antiforgery";

    /// <summary>The web host: issuer, pages, data protection, health checks.</summary>
    public static IServiceCollection AddWebHost(this IServiceCollection services)
    {
        services.AddOptions<ServerOptions>()
            .BindConfiguration(ServerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        // On https the antiforgery cookie, like the session cookie, gets the __Host- prefix: then no
        // other host of the domain can plant one beside the sign-in form (RFC 6265bis §4.1.3.2).
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<ServerOptions>>((antiforgery, server) =>
        {
            var https = !server.Value.IsPlainHttp;
            antiforgery.Cookie.Name = https ? SecureAntiforgeryCookieName : PlainAntiforgeryCookieName;
            antiforgery.Cookie.Path = "/";
            antiforgery.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // Pages live in their feature folders (Accounts/, Protocol/, Hosting/), not under Pages/.
        services.AddSsoPages(options => options.RootDirectory = "/");
        services.AddSsoRequestLimits();

        // Cookies and antiforgery tokens must survive restarts and be readable by every instance.
        services.AddDataProtection()
            .SetApplicationName("Sso.IdentityServer")
            .PersistKeysToDbContext<SsoDbContext>();

        // /health/live: the process answers (no dependency, so a database outage never gets every
        // instance restarted at once). /health/ready: this instance can serve (database reachable,
        // not shutting down), which is what a load balancer should route on.
        services.AddHealthChecks()
            .AddDbContextCheck<SsoDbContext>("database", tags: [HealthRoutes.ReadyTag])
            .AddCheck<ShutdownHealthCheck>("accepting", tags: [HealthRoutes.ReadyTag]);
        return services;
    }

    public static WebApplication UseWebHost(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseExceptionHandler(ErrorRoutes.Error);
        // People get the friendly error page; programs calling the JSON endpoints keep their bare
        // status and WWW-Authenticate header, which is what they parse.
        app.UseWhen(context => !IsMachineEndpoint(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute(ErrorRoutes.Error));
        app.UseSecurityHeaders();
        app.UseUnreadableFormGuard(IsMachineEndpoint, pageAnswer: null);
        app.UseStaticFiles();
        app.UseRouting();
        // Before OpenIddict (which answers in UseAuthentication): cached discovery and JWKS (Protocol/DiscoveryCache).
        app.UseOutputCache();
        app.UseAuthentication();
        // Here, not in Program.cs: the limits need the client OpenIddict authenticated, and must
        // come before any page or policy checks a password or a token (Throttling/).
        app.UseThrottling();
        app.UseAuthorization();
        app.MapHealthChecks(HealthRoutes.Health);
        app.MapHealthChecks(HealthRoutes.Live, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(HealthRoutes.Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthRoutes.ReadyTag) });
        app.MapRazorPages();
        return app;
    }

    /// <summary>Endpoints called by programs, which parse a status and JSON rather than read a page.</summary>
    internal static bool IsMachineEndpoint(PathString path) =>
        path.StartsWithSegments("/" + Protocol.ProtocolRoutes.Token)
        || path.StartsWithSegments("/" + Protocol.ProtocolRoutes.UserInfo)
        || path.StartsWithSegments("/" + Protocol.ProtocolRoutes.Introspection)
        || path.StartsWithSegments("/" + Protocol.ProtocolRoutes.Revocation)
        || path.StartsWithSegments("/" + Clients.DynamicRegistration.RegistrationRoutes.Register)
        || path.StartsWithSegments(Clients.AdminApi.AdminApiEndpoints.Prefix)
        || path.StartsWithSegments("/.well-known")
        || path.StartsWithSegments(HealthRoutes.Health);
}
