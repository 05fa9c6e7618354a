using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Sso.RelyingParty.SignIn;

namespace Sso.RelyingParty.Tokens;

/// <summary>
/// Silent renewal of the access token kept in the session cookie. On each request the cookie is
/// validated; when the access token expires within <see cref="SsoClientOptions.RefreshBeforeExpiry"/>
/// a refresh_token grant (RFC 6749 §6) fetches new tokens and the cookie is re-issued. When the
/// server refuses (revoked, expired, replayed refresh token) the local session ends, so the next
/// page challenges and the person signs in again (silently while the server session lives).
/// </summary>
public sealed class AccessTokenRenewal(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    IOptions<SsoClientOptions> ssoOptions,
    TimeProvider timeProvider,
    ILogger<AccessTokenRenewal> logger)
{
    /// <summary>Named HttpClient used for the token endpoint (tests may replace its handler).</summary>
    public const string HttpClientName = "Sso.TokenEndpoint";

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var properties = context.Properties;

        if (!TryReadExpiresAt(properties, out var expiresAt))
        {
            return; // No saved access token: nothing to renew.
        }

        var now = timeProvider.GetUtcNow();
        if (expiresAt - now > ssoOptions.Value.RefreshBeforeExpiry)
        {
            return;
        }

        var expired = expiresAt <= now;
        var refreshToken = properties.GetTokenValue(SessionTokenNames.RefreshToken);
        var result = string.IsNullOrEmpty(refreshToken)
            ? TokenRefreshResult.Unavailable
            : await RefreshAsync(refreshToken, context.HttpContext.RequestAborted).ConfigureAwait(false);

        switch (result.Status)
        {
            case TokenRefreshStatus.Renewed:
                StoreTokens(properties, result);
                context.ShouldRenew = true; // re-issue the cookie with the new tokens
                logger.LogDebug("Access token renewed; it now expires at {ExpiresAt:o}.", result.ExpiresAt);
                break;

            case TokenRefreshStatus.Rejected:
                logger.LogInformation("The identity server refused the refresh token; ending the local session.");
                await EndSessionAsync(context).ConfigureAwait(false);
                break;

            case TokenRefreshStatus.Unavailable when expired:
                logger.LogInformation("The access token expired and could not be renewed; ending the local session.");
                await EndSessionAsync(context).ConfigureAwait(false);
                break;

            default:
                // Still valid for a little while: keep it and try again on the next request.
                break;
        }
    }

    private static async Task EndSessionAsync(CookieValidatePrincipalContext context)
    {
        // Rejecting makes this request anonymous; signing out deletes the cookie so later requests
        // do not retry a dead refresh token. A page that needs sign-in then challenges as usual.
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name).ConfigureAwait(false);
    }

    private async Task<TokenRefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var oidc = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var sso = ssoOptions.Value;

        try
        {
            // The token endpoint comes from discovery (cached by the handler's ConfigurationManager).
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(configuration.TokenEndpoint))
            {
                logger.LogWarning("The discovery document lists no token endpoint.");
                return TokenRefreshResult.Unavailable;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    [OpenIdConnectParameterNames.GrantType] = OpenIdConnectGrantTypes.RefreshToken,
                    [OpenIdConnectParameterNames.RefreshToken] = refreshToken,
                }),
            };
            // client_secret_basic (RFC 6749 §2.3.1): id and secret form-encoded, then Base64.
            var credentials = $"{Uri.EscapeDataString(sso.ClientId)}:{Uri.EscapeDataString(sso.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return Parse(response.StatusCode, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or JsonException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Discovery or token endpoint unreachable, or a timeout: not the person's fault.
            logger.LogWarning(exception, "Renewing the access token failed.");
            return TokenRefreshResult.Unavailable;
        }
    }

    private TokenRefreshResult Parse(HttpStatusCode status, string body)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
        var root = document.RootElement;

        if (status != HttpStatusCode.OK)
        {
            var error = ReadString(root, OpenIdConnectParameterNames.Error);
            logger.LogInformation("The token endpoint answered {Status} {Error} to a refresh.", (int)status, error);
            // invalid_grant (RFC 6749 §5.2): the grant is revoked, expired or was already used.
            return error == "invalid_grant" ? TokenRefreshResult.Rejected : TokenRefreshResult.Unavailable;
        }

        var accessToken = ReadString(root, OpenIdConnectParameterNames.AccessToken);
        if (string.IsNullOrEmpty(accessToken))
        {
            return TokenRefreshResult.Unavailable;
        }

        return new TokenRefreshResult(
            TokenRefreshStatus.Renewed,
            accessToken,
            ReadString(root, OpenIdConnectParameterNames.RefreshToken),
            ReadString(root, OpenIdConnectParameterNames.IdToken),
            ReadExpiry(root, accessToken));
    }

    private DateTimeOffset? ReadExpiry(JsonElement root, string accessToken)
    {
        if (root.TryGetProperty(OpenIdConnectParameterNames.ExpiresIn, out var expiresIn))
        {
            if (expiresIn.ValueKind == JsonValueKind.Number && expiresIn.TryGetInt64(out var seconds))
            {
                return timeProvider.GetUtcNow().AddSeconds(seconds);
            }

            if (expiresIn.ValueKind == JsonValueKind.String
                && long.TryParse(expiresIn.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
            {
                return timeProvider.GetUtcNow().AddSeconds(seconds);
            }
        }

        // expires_in is only RECOMMENDED; a JWT access token still says when it expires. Read for
        // scheduling only: this app never trusts its own access token's contents.
        try
        {
            var validTo = new JsonWebToken(accessToken).ValidTo;
            return validTo == DateTime.MinValue ? null : new DateTimeOffset(validTo, TimeSpan.Zero);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static void StoreTokens(AuthenticationProperties properties, TokenRefreshResult result)
    {
        var tokens = properties.GetTokens().ToDictionary(token => token.Name, token => token.Value, StringComparer.Ordinal);
        tokens[SessionTokenNames.AccessToken] = result.AccessToken!;

        // Rotation (RFC 9700 §4.14.2): the old refresh token is dead once a new one is issued.
        if (!string.IsNullOrEmpty(result.RefreshToken))
        {
            tokens[SessionTokenNames.RefreshToken] = result.RefreshToken;
        }

        if (!string.IsNullOrEmpty(result.IdToken))
        {
            tokens[SessionTokenNames.IdToken] = result.IdToken;
        }

        if (result.ExpiresAt is { } expiresAt)
        {
            tokens[SessionTokenNames.ExpiresAt] = expiresAt.ToString("o", CultureInfo.InvariantCulture);
        }
        else
        {
            tokens.Remove(SessionTokenNames.ExpiresAt);
        }

        properties.StoreTokens(tokens.Select(token => new AuthenticationToken { Name = token.Key, Value = token.Value }));
    }

    private static bool TryReadExpiresAt(AuthenticationProperties properties, out DateTimeOffset expiresAt) =>
        DateTimeOffset.TryParse(
            properties.GetTokenValue(SessionTokenNames.ExpiresAt),
            CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind,
            out expiresAt);

    private static string? ReadString(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
