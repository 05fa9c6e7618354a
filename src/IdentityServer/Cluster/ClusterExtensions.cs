using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Hosting;

namespace Sso.IdentityServer.Cluster;

public static class ClusterExtensions
{
    /// <summary>What lets several identical instances share one database: job leases and the instance's name.</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddSingleton<ServerInstance>();
        services.AddSingleton<JobLeases>();

        // Only a proxy on this machine may say who the client is: anyone else could forge the
        // headers and pose as another address in session lists and the audit trail.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ServerOptions>>((forwarded, server) =>
        {
            forwarded.ForwardedHeaders = server.Value.TrustForwardedHeaders
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Add(IPAddress.Loopback);
            forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
            forwarded.ForwardLimit = 1;
        });

        // Kestrel stops accepting at shutdown and lets requests in flight finish within this time.
        services.AddOptions<HostOptions>().Configure<IOptions<ServerOptions>>((host, server) =>
            host.ShutdownTimeout = server.Value.ShutdownTimeout);
        return services;
    }

    /// <summary>First in the pipeline: the forwarded client address, then the instance header on every response.</summary>
    public static WebApplication UseCluster(this WebApplication app)
    {
        app.UseForwardedSchemeFilter();
        app.UseForwardedHeaders();
        app.UseInstanceHeader();
        return app;
    }
}
