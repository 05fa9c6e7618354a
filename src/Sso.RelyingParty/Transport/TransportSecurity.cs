using Microsoft.Extensions.Hosting;

namespace Sso.RelyingParty.Transport;

/// <summary>
/// One rule for every outgoing URL (authority, downstream API): https always, except plain http
/// to a loopback host while developing. Tokens and client secrets travel on these connections, so
/// http anywhere else would hand them to whoever sits on the network.
/// </summary>
public static class TransportSecurity
{
    /// <summary>True when <paramref name="url"/> is absolute and uses http or https.</summary>
    public static bool IsAbsoluteHttpUrl(string? url, out Uri uri)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    /// <summary>Plain http is acceptable only for a loopback host in Development.</summary>
    public static bool IsPlainHttpAllowed(Uri uri, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(environment);
        return uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && environment.IsDevelopment();
    }

    /// <summary>True when the URL may be used: https, or http that <see cref="IsPlainHttpAllowed"/> permits.</summary>
    public static bool IsAcceptable(Uri uri, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.Scheme == Uri.UriSchemeHttps || IsPlainHttpAllowed(uri, environment);
    }
}
