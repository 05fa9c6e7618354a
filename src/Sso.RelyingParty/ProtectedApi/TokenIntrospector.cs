using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>
/// Asks the identity server's introspection endpoint (RFC 7662, found through discovery) whether
/// an access token is still active, authenticating as the API's own confidential client.
/// </summary>
internal sealed class TokenIntrospector(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<JwtBearerOptions> bearerOptions,
    IOptions<IntrospectionOptions> options,
    IntrospectionCache cache,
    TimeProvider time,
    ILogger<TokenIntrospector> logger)
{
    /// <summary>Named HttpClient for the introspection endpoint.</summary>
    public const string HttpClientName = "Sso.Introspection";

    /// <summary>The token's activity, from the cache or the identity server.</summary>
    public async Task<TokenActivity> CheckAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var tokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token.EncodedToken)));
        if (cache.TryGet(tokenHash, out var active))
        {
            return active ? TokenActivity.Active : TokenActivity.Inactive;
        }

        // Taken before asking: a sign-out that arrives while the question is on its way voids the answer.
        var askedAt = time.GetUtcNow();
        var activity = await AskAsync(token.EncodedToken, cancellationToken).ConfigureAwait(false);
        if (activity != TokenActivity.Unknown)
        {
            var subject = token.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var sub) ? sub : null;
            var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
            cache.Set(tokenHash, new IntrospectionAnswer(activity == TokenActivity.Active, subject, askedAt), expiresAt);
        }

        return activity;
    }

    private async Task<TokenActivity> AskAsync(string token, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            var configurationManager = bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager
                ?? throw new InvalidOperationException("The bearer handler has no configuration manager.");
            var configuration = await configurationManager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(configuration.IntrospectionEndpoint))
            {
                logger.LogWarning("The identity server's discovery document lists no introspection endpoint; refusing tokens that need it.");
                return TokenActivity.Unknown;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, configuration.IntrospectionEndpoint)
            {
                // RFC 7662 §2.1; the hint saves the server a lookup.
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["token"] = token,
                    ["token_type_hint"] = "access_token",
                }),
            };
            // client_secret_basic (RFC 6749 §2.3.1): id and secret form-encoded, then Base64.
            var credentials = $"{Uri.EscapeDataString(settings.ClientId)}:{Uri.EscapeDataString(settings.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                // 401 invalid_client: our own credentials are wrong. Not the caller's fault, but
                // without an answer the token cannot be trusted.
                logger.LogWarning("The introspection endpoint answered {Status}; refusing the token.", (int)response.StatusCode);
                return TokenActivity.Unknown;
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            // RFC 7662 §2.2: only a boolean true means active.
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("active", out var active)
                   && active.ValueKind == JsonValueKind.True
                ? TokenActivity.Active
                : TokenActivity.Inactive;
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or JsonException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Unreachable, timed out, or discovery failed: fail closed.
            logger.LogWarning(exception, "Introspecting an access token failed; refusing the token.");
            return TokenActivity.Unknown;
        }
    }
}
