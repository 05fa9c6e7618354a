using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OpenIddict.EntityFrameworkCore.Models;
using Sso.IdentityServer.Clients;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Protocol;

/// <summary>The one place OpenIddict is configured.</summary>
public static class ProtocolExtensions
{
    public static IServiceCollection AddProtocol(this IServiceCollection services)
    {
        services.AddTokenLifetimes();
        services.AddScoped<TokenPrincipalFactory>();
        services.AddTokenPruning();
        services.AddDiscoveryCache();

        services.AddOpenIddictCore()
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(ProtocolRoutes.Authorization)
                    .SetTokenEndpointUris(ProtocolRoutes.Token)
                    .SetUserInfoEndpointUris(ProtocolRoutes.UserInfo)
                    .SetEndSessionEndpointUris(ProtocolRoutes.EndSession)
                    .SetIntrospectionEndpointUris(ProtocolRoutes.Introspection)
                    .SetRevocationEndpointUris(ProtocolRoutes.Revocation)
                    .SetJsonWebKeySetEndpointUris(ProtocolRoutes.JsonWebKeySet);

                // Code flow with PKCE for people, client credentials for services, refresh tokens to
                // stay signed in. No implicit, hybrid or password grant (RFC 9700 §2.1.2, §2.4).
                server.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .RequireProofKeyForCodeExchange();

                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess);

                // Access tokens are signed JWTs (RFC 9068) that the APIs validate with the JWKS; their
                // payload is readable, which is why ClaimDestinations keeps personal data out of them.
                server.DisableAccessTokenEncryption();

                // Refresh tokens become 256-bit random handles; what they stand for stays in the database.
                server.UseReferenceRefreshTokens();

                foreach (var handler in ScopeErrorHandlers.Descriptors)
                {
                    server.AddEventHandler(handler);
                }

                server.AddEventHandler(TokenEntryPolicy.Descriptor);

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
            });

        services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<ServerOptions>, IOptions<TokenLifetimeOptions>, TimeProvider>((options, server, lifetimes, time) =>
            {
                options.Issuer = server.Value.Issuer;
                options.TimeProvider = time;
                options.AccessTokenLifetime = lifetimes.Value.AccessToken;
                options.IdentityTokenLifetime = lifetimes.Value.IdentityToken;
                options.AuthorizationCodeLifetime = lifetimes.Value.AuthorizationCode;
                options.RefreshTokenLifetime = lifetimes.Value.RefreshTokenSliding;
                options.RefreshTokenReuseLeeway = lifetimes.Value.RefreshTokenReuseLeeway;

                // PKCE with S256 only: "plain" protects nothing if the request is seen (RFC 9700 §2.1.1).
                options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
            });

        // Plain http only where ServerOptionsValidator allows it: Development on loopback.
        services.AddOptions<OpenIddictServerAspNetCoreOptions>()
            .Configure<IOptions<ServerOptions>>((options, server) => options.DisableTransportSecurityRequirement = server.Value.IsPlainHttp);

        return services;
    }

    /// <summary>
    /// OpenIddict's stores on the shared database, with client secrets hashed by
    /// <see cref="SsoApplicationManager"/>; the command line uses this part alone.
    /// </summary>
    public static OpenIddictBuilder AddOpenIddictCore(this IServiceCollection services) =>
        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<SsoDbContext>();
                core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, SsoApplicationManager>();
            });

    /// <summary>The scheduled deletion of tokens and authorizations nobody can use any more.</summary>
    public static IServiceCollection AddTokenPruning(this IServiceCollection services)
    {
        services.AddOptions<TokenPruningOptions>()
            .BindConfiguration(TokenPruningOptions.Section)
            .ValidateDataAnnotations()
            // A redeemed refresh token must stay until it expires: replayed, it is what revokes the
            // stolen chain (RFC 9700 §4.14.2). Younger rows than the longest refresh lifetime may not be pruned.
            .Validate<IOptions<TokenLifetimeOptions>>(
                (pruning, lifetimes) => pruning.Retention >= lifetimes.Value.RefreshTokenSliding,
                $"{TokenPruningOptions.Section}:{nameof(TokenPruningOptions.Retention)} must be at least {TokenLifetimeOptions.Section}:{nameof(TokenLifetimeOptions.RefreshTokenSliding)}: a redeemed refresh token is kept until it expires so that its replay revokes the chain.")
            .ValidateOnStart();
        services.AddHostedService<TokenPruner>();
        return services;
    }

    /// <summary>Token lifetimes; the key rotation also needs them (a key outlives its tokens).</summary>
    public static IServiceCollection AddTokenLifetimes(this IServiceCollection services)
    {
        services.AddOptions<TokenLifetimeOptions>()
            .BindConfiguration(TokenLifetimeOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapProtocolEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTokenEndpoint();
        endpoints.MapUserInfoEndpoint();
        return endpoints;
    }
}
