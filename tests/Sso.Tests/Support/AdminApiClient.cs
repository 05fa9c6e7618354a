using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Sso.Tests.Support;

/// <summary>Calls the identity server's admin API with an access token got by client credentials, as automation would.</summary>
public sealed class AdminApiClient : IDisposable
{
    private readonly HttpClient _http;

    private AdminApiClient(Uri issuer, string? accessToken)
    {
        _http = new HttpClient { BaseAddress = new Uri(issuer, "admin/api/") };
        if (accessToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Gets a token for <paramref name="scope"/> as <paramref name="clientId"/> and returns a client that sends it.</summary>
    public static async Task<AdminApiClient> SignInAsync(Uri issuer, string clientId, string secret, string scope = "sso.admin")
    {
        using var oauth = new OAuthTestClient(issuer, clientId, secret, "");
        var tokens = await oauth.ClientCredentialsAsync(scope);
        Assert.True(tokens.AccessToken is not null, tokens.Body);
        return new AdminApiClient(issuer, tokens.AccessToken);
    }

    /// <summary>A client that sends no token, or the given raw one.</summary>
    public static AdminApiClient WithToken(Uri issuer, string? accessToken) => new(issuer, accessToken);

    public async Task<(HttpResponseMessage Response, JsonElement Json)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await _http.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        var json = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, json);
    }

    public void Dispose() => _http.Dispose();
}
