using Xunit;

namespace Sso.Tests.Support;

/// <summary>
/// Uses the identity server's own pages over HTTP with a test client's cookies, as a browser would:
/// GET a page, or POST one of its forms with the antiforgery token the page handed out.
/// </summary>
public static class ServerPages
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<ServerPage> GetPageAsync(this OAuthTestClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.Http.GetAsync(path.TrimStart('/'), Cancellation);
        return await ReadAsync(client, response);
    }

    /// <summary>
    /// POSTs <paramref name="fields"/> to <paramref name="path"/> (a page, with ?handler=... if it has
    /// several forms). The antiforgery token comes from <paramref name="tokenFrom"/>, by default the
    /// page itself; <paramref name="withAntiforgeryToken"/> false sends none, as a forged form would.
    /// </summary>
    public static async Task<ServerPage> PostFormAsync(this OAuthTestClient client, string path,
        IReadOnlyDictionary<string, string>? fields = null, string? tokenFrom = null, bool withAntiforgeryToken = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        path = path.TrimStart('/');
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>());
        if (withAntiforgeryToken)
        {
            form["__RequestVerificationToken"] = await client.GetFormTokenAsync(tokenFrom?.TrimStart('/') ?? path.Split('?')[0]);
        }

        using var response = await client.Http.PostAsync(path, new FormUrlEncodedContent(form), Cancellation);
        return await ReadAsync(client, response);
    }

    /// <summary>GETs where a redirect pointed (the page a POST sent the browser on to).</summary>
    public static Task<ServerPage> FollowAsync(this OAuthTestClient client, ServerPage redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        var location = redirect.Location ?? throw new InvalidOperationException($"Not a redirect: {redirect.Status}.");
        return client.GetPageAsync(location.PathAndQuery);
    }

    private static async Task<ServerPage> ReadAsync(OAuthTestClient client, HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        var location = response.Headers.Location is { } relative ? new Uri(client.Issuer, relative) : null;
        return new ServerPage(response.StatusCode, location, html);
    }
}
