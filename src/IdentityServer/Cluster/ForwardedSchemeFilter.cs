using Microsoft.AspNetCore.HttpOverrides;

namespace Sso.IdentityServer.Cluster;

/// <summary>
/// Drops an X-Forwarded-Proto that names a scheme other than http or https before the forwarded
/// headers are applied. The forwarded headers middleware takes any syntactically valid scheme
/// ("gopher"), and OpenIddict then matches no endpoint for the request, so the pages behind its
/// endpoints found no protocol request and failed with a 500. Without the header the request keeps
/// the scheme it arrived with, and any refusal is OpenIddict's standard one.
/// </summary>
public static class ForwardedSchemeFilter
{
    public static IApplicationBuilder UseForwardedSchemeFilter(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Request.Headers;
            if (headers.TryGetValue(ForwardedHeadersDefaults.XForwardedProtoHeaderName, out var schemes)
                && !schemes.SelectMany(value => (value ?? "").Split(',')).All(IsHttpScheme))
            {
                headers.Remove(ForwardedHeadersDefaults.XForwardedProtoHeaderName);
            }

            return next(context);
        });

    private static bool IsHttpScheme(string scheme) =>
        scheme.Trim() is var trimmed
        && (trimmed.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) || trimmed.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase));
}
