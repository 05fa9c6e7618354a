namespace Sso.IdentityServer.Clients;

/// <summary>
/// Which URIs the server will ever send a browser (redirect and post-logout URIs) or a logout token
/// (back-channel logout URIs) to. An attacker who gets a client registered with a URI they control,
/// or a pattern matching one, receives codes and tokens (RFC 9700 §4.1), so the rules are strict.
/// </summary>
public static class RedirectUriRules
{
    /// <summary>Longer URIs are refused: nothing legitimate needs them, and they are stored and compared on every request.</summary>
    public const int MaxLength = 2000;

    private static readonly string[] DangerousSchemes = ["javascript", "data", "file", "vbscript"];

    /// <summary>
    /// Null when <paramref name="value"/> is acceptable, else why not. Absolute, https, or http on a
    /// loopback host (RFC 8252 §7.3, for apps on the person's own machine) when
    /// <paramref name="allowLoopbackHttp"/>; no fragment (RFC 6749 §3.1.2), no wildcard (exact
    /// matching, RFC 9700 §2.1), no user info, and no <c>iss</c> parameter (it would let a client
    /// forge the RFC 9207 issuer).
    /// </summary>
    public static string? Check(string? value, bool allowLoopbackHttp)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "must not be empty";
        }

        if (value.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        if (value.Contains('*', StringComparison.Ordinal))
        {
            return "must not contain a wildcard (*): URIs are matched exactly";
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return "must not contain a fragment (#)";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !uri.IsWellFormedOriginalString())
        {
            return "must be an absolute, well-formed URI";
        }

        if (DangerousSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return $"must not use the {uri.Scheme}: scheme";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not contain a user name or password";
        }

        if (uri.Query.Split('&', '?').Any(pair => pair.StartsWith("iss=", StringComparison.Ordinal) || pair == "iss"))
        {
            return "must not contain an iss parameter";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
        {
            return allowLoopbackHttp ? null : "must use https (http on loopback is not allowed here)";
        }

        return "must use https (http only on a loopback host such as localhost or 127.0.0.1)";
    }
}
