using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sso.RelyingParty.SignIn;
using Sso.RelyingParty.SingleSignOut;

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
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ApiBearerEvents)))
        {
            return services; // AddJwtBearer twice would add the "Bearer" scheme twice.
        }

        // The authority (issuer) is "Sso:Authority", shared with sign-in.
        SsoClientOptionsRegistration.AddOnce(services);
        services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, ConfigureApiBearer>());
        services.TryAddSingleton<ApiBearerEvents>();
        services.AddAuthentication().AddJwtBearer();

        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ScopeAuthorizationHandler>());
        // Registered after AddAuthorization's TryAdd, so it replaces the default result handler.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, InsufficientScopeResultHandler>();

        return services;
    }

    /// <summary>
    /// Introspection for endpoints marked <see cref="ActiveTokenEndpointConventionBuilderExtensions.RequireActiveToken{TBuilder}"/>:
    /// the API's client credentials and cache duration from "Api:Introspection" (validated at
    /// start), the endpoint from discovery. Back-channel logouts void cached answers about the
    /// signed-out subject.
    /// </summary>
    public static IServiceCollection AddSsoTokenIntrospection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(TokenIntrospector)))
        {
            return services;
        }

        services.AddSsoProtectedApi();
        services.AddOptions<IntrospectionOptions>()
            .BindConfiguration(IntrospectionOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntrospectionOptions>, IntrospectionOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.TryAddSingleton<IntrospectionCache>();
        services.AddSingleton<ISubjectSignOutListener>(provider => provider.GetRequiredService<IntrospectionCache>());
        services.TryAddSingleton<TokenIntrospector>();
        services.AddHttpClient(TokenIntrospector.HttpClientName, (provider, client) =>
            client.Timeout = provider.GetRequiredService<IOptions<SsoClientOptions>>().Value.BackchannelTimeout);

        return services;
    }
}
