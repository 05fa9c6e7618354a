using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Throttling;

public static class ThrottlingExtensions
{
    /// <summary>ASP.NET Core's rate limiter on sign-in, the token endpoint, registration and admin (limits in Throttling:*).</summary>
    public static IServiceCollection AddThrottling(this IServiceCollection services)
    {
        services.AddOptions<ThrottlingOptions>()
            .BindConfiguration(ThrottlingOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ThrottlingOptions>, ThrottlingOptionsValidator>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ThrottlingOptions>>((limiter, throttling) =>
        {
            limiter.GlobalLimiter = ThrottlingLimiter.Create(throttling.Value);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = ThrottlingRejection.WriteAsync;
        });
        return services;
    }

    /// <summary>
    /// Goes after authentication: by then OpenIddict has authenticated the client of a token
    /// request (and answered every bad one), and nothing checks a password or a bearer token before
    /// the limit does, since the sign-in page and the admin API's policy run later.
    /// </summary>
    public static IApplicationBuilder UseThrottling(this IApplicationBuilder app)
    {
        app.UseSignInAccount();
        app.UseRateLimiter();
        return app;
    }
}
