using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.DataProtection;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// A key ring of this app's own: the application name isolates its payloads (session and
    /// correlation cookies, antiforgery tokens) from the other app's even if both read the same
    /// folder, and keys persisted to "DataProtection:KeysPath" survive restarts.
    /// </summary>
    public static IServiceCollection AddSsoDataProtection(this IServiceCollection services, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationName);

        services.AddOptions<KeyRingOptions>()
            .BindConfiguration(KeyRingOptions.SectionName)
            .Validate(options => !string.IsNullOrWhiteSpace(options.KeysPath), $"{KeyRingOptions.SectionName}:KeysPath must name a folder.")
            .ValidateOnStart();

        services.AddDataProtection().SetApplicationName(applicationName);
        // After AddDataProtection's own setup, so this repository wins.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KeyManagementOptions>, ConfigureKeyRing>());

        return services;
    }
}
