using System.Diagnostics;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http.Features;
using Sso.IdentityServer.Protocol;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Observability;

/// <summary>
/// Times the token endpoint by grant type and outcome (<c>sso.token.duration</c>), and names the
/// route of the endpoints OpenIddict answers by itself. Those have no ASP.NET Core endpoint, so
/// their requests would otherwise be a bare "POST" in traces and carry no <c>http.route</c> in
/// <c>http.server.request.duration</c>.
/// </summary>
public sealed class ProtocolEndpointTelemetryMiddleware(RequestDelegate next, ServerMetrics metrics)
{
    private static readonly PathString Token = "/" + ProtocolRoutes.Token;

    // OpenIddict's own endpoints (no passthrough): the discovery document keeps OpenIddict's default path.
    private static readonly string[] UnroutedEndpoints =
    [
        ProtocolRoutes.Introspection, ProtocolRoutes.Revocation, ProtocolRoutes.JsonWebKeySet, ".well-known/openid-configuration",
    ];

    private static readonly HashSet<string> KnownGrantTypes =
        [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials];

    private static readonly HashSet<string> KnownErrors =
    [
        Errors.InvalidRequest, Errors.InvalidClient, Errors.InvalidGrant, Errors.UnauthorizedClient,
        Errors.UnsupportedGrantType, Errors.InvalidScope, Errors.AccessDenied, Errors.ServerError,
        Errors.TemporarilyUnavailable, Errors.InvalidTarget,
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.Equals(Token, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            NameUnroutedEndpoint(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // Read after the fact: OpenIddict has parsed the form and decided by now.
            var grantType = context.GetOpenIddictServerRequest()?.GrantType;
            var error = context.GetOpenIddictServerResponse()?.Error;
            metrics.TokenRequestCompleted(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                grantType is not null && KnownGrantTypes.Contains(grantType) ? grantType : "other",
                error is null ? (context.Response.StatusCode < 400 ? "success" : "error") : KnownErrors.Contains(error) ? error : "error");
        }
    }

    private static void NameUnroutedEndpoint(HttpContext context)
    {
        if (context.GetEndpoint() is not null)
        {
            return;
        }

        var path = context.Request.Path.Value?.TrimStart('/');
        var route = Array.Find(UnroutedEndpoints, endpoint => string.Equals(endpoint, path, StringComparison.OrdinalIgnoreCase));
        if (route is null)
        {
            return;
        }

        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("http.route", route));
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            activity.DisplayName = $"{context.Request.Method} {route}";
            activity.SetTag("http.route", route);
        }
    }
}
