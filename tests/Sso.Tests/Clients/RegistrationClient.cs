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

    public Task<Answer> SendAsync(HttpMethod method, string uri, string? bearer, string? json = null, string contentType = "application/json") =>
        SendAsync(method, uri, bearer, json is null ? null : Encoding.UTF8.GetBytes(json), contentType);

    /// <summary>A POST whose body goes byte for byte, for what no string encodes (invalid UTF-8).</summary>
    public Task<Answer> SendBytesAsync(string uri, string? bearer, byte[] body) =>
        SendAsync(HttpMethod.Post, uri, bearer, body, "application/json");

    public void Dispose() => _http.Dispose();

    private Task<Answer> SendAsync(HttpMethod method, string uri, string? bearer, byte[]? body, string contentType)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return SendAsync(request);
    }

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
