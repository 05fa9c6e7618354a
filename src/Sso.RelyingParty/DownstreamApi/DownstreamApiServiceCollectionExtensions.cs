using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.DownstreamApi;

public static class DownstreamApiServiceCollectionExtensions
{
    /// <summary>Typed <see cref="DownstreamApiClient"/> for the "DownstreamApi" section, read when first needed and validated at start.</summary>
    public static IServiceCollection AddSsoDownstreamApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<DownstreamApiOptions>()
            .BindConfiguration(DownstreamApiOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DownstreamApiOptions>, DownstreamApiOptionsValidator>());

        services.AddHttpClient<DownstreamApiClient>((provider, client) =>
        {
            var settings = provider.GetRequiredService<IOptions<DownstreamApiOptions>>().Value;
            client.Timeout = settings.Timeout;
            // Shown on a page: a huge answer is an error, not something to buffer.
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });

        return services;
    }
}
