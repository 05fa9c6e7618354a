using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Sso.Tests.Support;

/// <summary>What the token, introspection or revocation endpoint answered.</summary>
public sealed record TokenResponse(HttpStatusCode Status, JsonElement Json, HttpResponseHeaders Headers, string Body)
{
    public string? AccessToken => Text("access_token");

    public string? RefreshToken => Text("refresh_token");

    public string? IdToken => Text("id_token");

    public string? Error => Text("error");

    public string? Text(string name) =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public bool Has(string name) => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out _);

    public static async Task<TokenResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement json;
        try
        {
            json = string.IsNullOrWhiteSpace(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            json = default;
        }

        return new TokenResponse(response.StatusCode, json, response.Headers, body);
    }
}
