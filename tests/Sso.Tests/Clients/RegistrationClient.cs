using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Sso.Tests.Clients;

/// <summary>An app registering itself (RFC 7591) and managing its registration (RFC 7592).</summary>
public sealed class RegistrationClient(Uri issuer) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = issuer };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public Task<Answer> RegisterAsync(object metadata, string? initialAccessToken) =>
        SendAsync(HttpMethod.Post, "connect/register", initialAccessToken, JsonSerializer.Serialize(metadata));

    public Task<Answer> SendAsync(HttpMethod method, string uri, string? bearer, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, uri);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return SendAsync(request);
    }

    /// <summary>A body sent byte for byte, for what no string encodes (invalid UTF-8).</summary>
    public Task<Answer> SendBytesAsync(string uri, string? bearer, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, Cancellation);
            var text = await response.Content.ReadAsStringAsync(Cancellation);
            var json = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
            return new Answer(response.StatusCode, json, response.Headers.WwwAuthenticate.ToString());
        }
    }

    /// <summary>What the endpoint answered.</summary>
    public sealed record Answer(HttpStatusCode Status, JsonElement Json, string WwwAuthenticate)
    {
        public string? Error => Text("error");

        public string? Text(string name) =>
            Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }
}
