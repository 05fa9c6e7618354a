using Sso.IdentityServer.Clients.AdminApi;
using Sso.IdentityServer.Clients.DynamicRegistration;

namespace Sso.IdentityServer.Clients;

public static class ClientRegistrationExtensions
{
    /// <summary>Client registration by every path the server serves: the registries, dynamic registration (RFC 7591/7592), the admin API.</summary>
    public static IServiceCollection AddClients(this IServiceCollection services)
    {
        services.AddClientRegistration();
        services.AddDynamicRegistration();
        services.AddAdminApi();
        return services;
    }

    public static IEndpointRouteBuilder MapClients(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDynamicRegistration();
        endpoints.MapAdminApiWithDocument();
        return endpoints;
    }

    /// <summary>The client and scope registries every registration path uses; needs OpenIddict's core and the database.</summary>
    public static IServiceCollection AddClientRegistration(this IServiceCollection services)
    {
        services.AddScoped<ClientRegistry>();
        services.AddScoped<ScopeRegistry>();
        return services;
    }
}
