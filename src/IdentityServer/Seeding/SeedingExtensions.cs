using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Seeding;

public static class SeedingExtensions
{
    public static IServiceCollection AddSeeding(this IServiceCollection services)
    {
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SeedOptions>, SeedOptionsValidator>();
        services.AddScoped<ConfigurationSeeder>();
        return services;
    }

    public static async Task SeedFromConfigurationAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConfigurationSeeder>().SeedAsync(cancellationToken);
    }
}
