using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace Sso.Tests.Support;

/// <summary>Calls an app's API with a bearer token, as another app or a service would.</summary>
public sealed class BearerApiClient(Uri app) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = app };

    public async Task<HttpResponseMessage> GetAsync(string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>200, and the subject the API read from the token.</summary>
    public static async Task<string?> AssertOkAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("subject").GetString();
    }

    /// <summary>401 with <c>WWW-Authenticate: Bearer error="invalid_token"</c> (RFC 6750 §3.1).</summary>
    public static void AssertInvalidToken(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();
}
