using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Sso.IdentityServer.Keys;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// Serves the discovery document and the JWKS from memory. OpenIddict builds both on every request
/// through its whole handler pipeline, exporting each public key through OpenSSL (bench/PROFILE.md,
/// cost 5), although they change only when the server's keys or configuration do. Cached documents
/// are keyed by the key ring's generation, which moves on once OpenIddict has been told of a new set
/// of keys, so a document of the previous set is never served as current, not even one a request
/// racing with the change built; that change also evicts the old documents. What clients are told
/// to cache (OpenIddict's own headers) is unchanged.
/// </summary>
public static class DiscoveryCache
{
    public const string Tag = "discovery";

    /// <summary>How long a cached document is served at most (a configuration change takes a restart anyway).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const long MaxStoreBytes = 4 * 1024 * 1024;

    private static readonly PathString Discovery = "/.well-known/openid-configuration";
    private static readonly PathString JsonWebKeySet = "/" + ProtocolRoutes.JsonWebKeySet;

    public static IServiceCollection AddDiscoveryCache(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            // A few documents of a few KB each (per key generation and host); anyone can vary the
            // host, so the store is capped well below the 100 MB default.
            options.SizeLimit = MaxStoreBytes;
            options.AddBasePolicy(policy => policy
                .With(context => context.HttpContext.Request.Path == Discovery || context.HttpContext.Request.Path == JsonWebKeySet)
                // Neither document depends on the query; varying by it (the default) would store a
                // copy for every made-up query string.
                .SetVaryByQuery([])
                .VaryByValue(context => new KeyValuePair<string, string>("keys",
                    context.RequestServices.GetRequiredService<ServerKeyRing>().Generation.ToString(CultureInfo.InvariantCulture)))
                .Expire(Lifetime)
                .Tag(Tag));
        });
        services.AddHostedService<Invalidation>();
        return services;
    }

    /// <summary>Evicts the documents whenever OpenIddict's options are rebuilt (a key ring change).</summary>
    private sealed class Invalidation(IOptionsMonitor<OpenIddictServerOptions> options, IOutputCacheStore store, ILogger<Invalidation> logger)
        : IHostedService, IDisposable
    {
        private IDisposable? _subscription;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _subscription = options.OnChange(changed => _ = EvictAsync());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => _subscription?.Dispose();

        private async Task EvictAsync()
        {
            try
            {
                await store.EvictByTagAsync(Tag, CancellationToken.None);
            }
            catch (Exception exception)
            {
                // The documents then expire by themselves within the lifetime.
                logger.LogWarning(exception, "Evicting the cached discovery documents failed");
            }
        }
    }
}
