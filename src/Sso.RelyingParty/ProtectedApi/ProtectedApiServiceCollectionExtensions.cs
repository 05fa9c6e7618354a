using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sso.RelyingParty.SignIn;

namespace Sso.RelyingParty.ProtectedApi;

public static class ProtectedApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the "Bearer" scheme for this app's API (not the default scheme: pages use the session
    /// cookie). Endpoints opt in with <see cref="ScopeEndpointConventionBuilderExtensions.RequireScope{TBuilder}"/>.
    /// Reads "Sso:Authority" and the "Api" section when first needed; validated at start.
    /// </summary>
    public static IServiceCollection AddSsoProtectedApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The authority (issuer) is "Sso:Authority", shared with sign-in.
        SsoClientOptionsRegistration.AddOnce(services);
        services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, ConfigureApiBearer>());
        services.AddAuthentication().AddJwtBearer();

        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ScopeAuthorizationHandler>());
        // Registered after AddAuthorization's TryAdd, so it replaces the default result handler.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, InsufficientScopeResultHandler>();

        return services;
    }
}
