using System.Net.Http.Headers;
using Xunit;

namespace Sso.Tests.SecurityHeaders;

/// <summary>The browser-side defences every response of the three apps must carry (SECURITY.md, OWASP Secure Headers).</summary>
public static class HeaderRules
{
    public static void AssertProtected(HttpResponseMessage response, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        var where = $"{what} ({(int)response.StatusCode})";
        Assert.True(Single(response.Headers, "X-Frame-Options") == "DENY", $"{where}: X-Frame-Options");
        Assert.True(Single(response.Headers, "X-Content-Type-Options") == "nosniff", $"{where}: X-Content-Type-Options");
        Assert.True(Single(response.Headers, "Referrer-Policy") == "no-referrer", $"{where}: Referrer-Policy");

        var csp = Single(response.Headers, "Content-Security-Policy") ?? "";
        Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{where}: CSP without frame-ancestors 'none': {csp}");
        Assert.True(!csp.Contains("unsafe-inline", StringComparison.Ordinal) && !csp.Contains("unsafe-eval", StringComparison.Ordinal), $"{where}: CSP allows inline code: {csp}");
        Assert.True(ScriptSources(csp) is { } scripts && !scripts.Contains('*', StringComparison.Ordinal) && !scripts.Contains("http", StringComparison.Ordinal),
            $"{where}: CSP lets scripts come from elsewhere: {csp}");

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!mediaType.StartsWith("text/css", StringComparison.Ordinal) && !mediaType.StartsWith("image/", StringComparison.Ordinal))
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{where}: Cache-Control is '{response.Headers.CacheControl}', not no-store");
        }
    }

    /// <summary>The sources scripts may load from: script-src, or default-src when there is none.</summary>
    private static string? ScriptSources(string csp)
    {
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal);
        return directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
    }

    private static string? Single(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
