namespace Sso.RelyingParty.SignIn;

/// <summary>
/// Keeps post-sign-in redirects on this site: "https://evil", "//evil", "/\evil" and
/// "javascript:" are all refused (open redirect, OWASP ASVS 5 V3.5). Same rules as MVC's IsLocalUrl.
/// </summary>
public static class LocalReturnUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        if (url.Length == 1)
        {
            return true;
        }

        // "//host" and "/\host" are protocol-relative URLs to another site.
        if (url[1] is '/' or '\\')
        {
            return false;
        }

        // Control characters (tab, newline) are stripped by browsers and could rebuild "//".
        return !url.Any(char.IsControl);
    }

    /// <summary>The URL if it is local, otherwise <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
