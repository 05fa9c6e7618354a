using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.SignIn;

/// <summary>
/// Binds and validates the "Sso" section once, whichever of AddSsoSignIn / AddSsoProtectedApi
/// comes first. Binding twice would append the Scopes list twice.
/// </summary>
internal static class SsoClientOptionsRegistration
{
    public static void AddOnce(IServiceCollection services)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(IValidateOptions<SsoClientOptions>)))
        {
            return;
        }

        services.AddOptions<SsoClientOptions>()
            .BindConfiguration(SsoClientOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SsoClientOptions>, SsoClientOptionsValidator>());
    }
}
