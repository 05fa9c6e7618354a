using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Sso.RelyingParty.SignIn;

namespace Sso.RelyingParty.SecurityHeaders;

/// <summary>
/// Browser-side defences on every response (OWASP Secure Headers): no framing (clickjacking), a
/// CSP without inline script, no MIME sniffing, no Referer leaking URLs to other sites, and no
/// caching of pages that show a signed-in person's data.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SsoClientOptions> sso)
{
    private string? _contentSecurityPolicy;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Set when the response starts: the exception handler clears headers before re-executing,
        // and only then is it known whether a signed-in person is being served.
        context.Response.OnStarting(static state =>
        {
            var (middleware, httpContext) = ((SecurityHeadersMiddleware, HttpContext))state;
            middleware.Apply(httpContext);
            return Task.CompletedTask;
        }, (this, context));

        return next(context);
    }

    private void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = _contentSecurityPolicy ??= BuildContentSecurityPolicy();

        // Pages and API answers may show a signed-in person's data, and sign-in, sign-out and error
        // pages must never be replayed from a cache; only static assets (styles, images) may be kept.
        if (!IsStaticAsset(context.Response.ContentType))
        {
            headers.CacheControl = "no-store";
        }
    }

    private static bool IsStaticAsset(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/css", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("font/", StringComparison.OrdinalIgnoreCase));

    private string BuildContentSecurityPolicy()
    {
        // form-action also governs the redirects after a form post (Chromium), and the sign-out
        // POST redirects to the identity server's end_session endpoint: allow its origin.
        var authority = Uri.TryCreate(sso.Value.Authority, UriKind.Absolute, out var uri)
            ? " " + uri.GetLeftPart(UriPartial.Authority)
            : "";
        return "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; "
               + $"form-action 'self'{authority}";
    }
}
