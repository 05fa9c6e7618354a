namespace Sso.IdentityServer.Resilience;

public static class ResilienceExtensions
{
    /// <summary>A database outage answers 503 + Retry-After (the exception handler of the web host consults it first).</summary>
    public static IServiceCollection AddResilience(this IServiceCollection services)
    {
        services.AddOptions<ResilienceOptions>()
            .BindConfiguration(ResilienceOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        return services;
    }
}
