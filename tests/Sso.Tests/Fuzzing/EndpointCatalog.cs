using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Every endpoint of the three running apps, read from the apps themselves rather than listed by
/// hand, so an endpoint added later is fuzzed without anyone remembering to: the routing table
/// (pages, minimal APIs, health checks), plus what middleware answers outside routing, OpenIddict's
/// own endpoints (discovery, JWKS, introspection, revocation…) and the OpenID Connect handler's
/// callbacks in the apps.
/// </summary>
public static class EndpointCatalog
{
    private static readonly string[] PageMethods = [HttpMethods.Get, HttpMethods.Post];

    public static IReadOnlyList<FuzzEndpoint> Discover(FuzzSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var found = new List<FuzzEndpoint>();
        foreach (var host in Enum.GetValues<FuzzHost>())
        {
            var services = system.ServicesOf(host);
            var routes = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
            {
                var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? PageMethods;
                Add(routes, route, methods.Count == 0 ? PageMethods : methods);
            }

            foreach (var path in host == FuzzHost.Server ? OpenIddictPaths(services) : OpenIdConnectPaths(services))
            {
                Add(routes, path, PageMethods);
            }

            // A path nobody maps: the not-found answer (status code pages) gets bad input too.
            Add(routes, "/no-such-page", PageMethods);

            found.AddRange(routes.Select(route => new FuzzEndpoint(host, route.Key, [.. route.Value], KindOf(host, route.Key))));
        }

        return found;
    }

    private static void Add(Dictionary<string, SortedSet<string>> routes, string route, IEnumerable<string> methods)
    {
        if (!routes.TryGetValue(route, out var known))
        {
            routes[route] = known = new SortedSet<string>(StringComparer.Ordinal);
        }

        known.UnionWith(methods);
    }

    /// <summary>Every endpoint URI OpenIddict is configured with (discovery, JWKS, authorize, token, …), whatever its name.</summary>
    private static IEnumerable<string> OpenIddictPaths(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value;
        return typeof(OpenIddictServerOptions).GetProperties()
            .Where(property => property.Name.EndsWith("EndpointUris", StringComparison.Ordinal))
            .SelectMany(property => property.GetValue(options) as IEnumerable<Uri> ?? [])
            .Select(uri => "/" + (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).TrimStart('/'));
    }

    /// <summary>The OpenID Connect handler's callback paths: sign-in, signed-out callback and remote sign-out.</summary>
    private static IEnumerable<string> OpenIdConnectPaths(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        return new[] { options.CallbackPath, options.SignedOutCallbackPath, options.RemoteSignOutPath }
            .Where(path => path.HasValue)
            .Select(path => path.Value!);
    }

    private static EndpointKind KindOf(FuzzHost host, string route)
    {
        if (route.StartsWith("/health", StringComparison.OrdinalIgnoreCase))
        {
            return EndpointKind.Health;
        }

        if (host == FuzzHost.Server)
        {
            return route switch
            {
                _ when route.StartsWith("/connect/register", StringComparison.OrdinalIgnoreCase) => EndpointKind.Json,
                _ when route.StartsWith("/admin/api", StringComparison.OrdinalIgnoreCase) => EndpointKind.Json,
                _ when route.StartsWith("/connect/", StringComparison.OrdinalIgnoreCase) => EndpointKind.Protocol,
                _ when route.StartsWith("/.well-known/", StringComparison.OrdinalIgnoreCase) => EndpointKind.Protocol,
                _ => EndpointKind.Page,
            };
        }

        return route switch
        {
            _ when route.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) => EndpointKind.Api,
            "/signout-backchannel" => EndpointKind.BackChannelLogout,
            "/signin-oidc" or "/signout-callback-oidc" or "/signout-oidc" => EndpointKind.OidcCallback,
            _ => EndpointKind.Page,
        };
    }
}
