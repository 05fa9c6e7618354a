using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Sso.RelyingParty.SignIn;

namespace Sso.RelyingParty.SingleSignOut;

/// <summary>
/// Validates a logout token as OpenID Connect Back-Channel Logout 1.0 §2.6 asks, all of it before
/// anything is acted on: signature by a key from the identity server's JWKS with an allowed
/// algorithm, typ, iss, aud, iat, exp, jti (once only), the events member, sid or sub, no nonce.
/// </summary>
internal sealed class LogoutTokenValidator(
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IOptions<SsoClientOptions> sso,
    IOptions<BackChannelLogoutOptions> options,
    LogoutTokenReplayCache replayCache,
    TimeProvider time,
    ILogger<LogoutTokenValidator> logger)
{
    /// <summary>The member of "events" that makes a JWT a logout token (§2.4).</summary>
    public const string BackChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>
    /// §2.4 recommends typ "logout+jwt" (RFC 8725 §3.11: explicit typing) and we require it, so an
    /// ID token or access token signed by the same server can never pass for a logout token.
    /// "application/logout+jwt" is the same type written in full (RFC 7515 §4.1.9).
    /// </summary>
    private static readonly string[] LogoutTokenTypes = ["logout+jwt", "application/logout+jwt"];

    /// <summary>Allow-list: "none" and HMAC (keyed with the public key) are refused (RFC 8725 §3.1).</summary>
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>Real logout tokens are well under 2 KB; nothing bigger is worth parsing.</summary>
    private const int MaxTokenLength = 16 * 1024;

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, MaximumTokenSizeInBytes = MaxTokenLength };

    public async Task<LogoutTokenValidation> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !_handler.CanReadToken(token))
        {
            return LogoutTokenValidation.Refused("The logout token is not a well-formed JWT.");
        }

        var configurationManager = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme).ConfigurationManager
            ?? throw new InvalidOperationException("The OpenID Connect handler has no configuration manager.");

        TokenValidationResult result;
        try
        {
            var configuration = await configurationManager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            result = await _handler.ValidateTokenAsync(token, Parameters(configuration)).ConfigureAwait(false);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // Perhaps a key rotated in since the JWKS was fetched: fetch it again (the manager
                // rate-limits this, so unknown kids cannot make us hammer the server) and retry once.
                configurationManager.RequestRefresh();
                configuration = await configurationManager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
                result = await _handler.ValidateTokenAsync(token, Parameters(configuration)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or IOException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Without the server's keys nothing can be checked; §2.8: a logout that failed gets 400.
            logger.LogWarning(exception, "The identity server's discovery document or keys could not be loaded to check a logout token.");
            return LogoutTokenValidation.Refused("The logout token could not be checked: the identity server's keys are unavailable.");
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            logger.LogInformation(result.Exception, "A logout token was refused.");
            return LogoutTokenValidation.Refused(Describe(result.Exception));
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        return await ValidateClaimsAsync(payload.RootElement, jwt.ValidTo, cancellationToken).ConfigureAwait(false);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration)
    {
        var settings = options.Value;
        var authority = sso.Value.Authority;
        return new TokenValidationParameters
        {
            // The issuer exactly as configured and as discovery states it (the same string for our server).
            ValidIssuers = new[] { authority, configuration.Issuer }.Where(issuer => !string.IsNullOrEmpty(issuer)).Distinct(StringComparer.Ordinal),
            ValidateIssuer = true,
            // aud must contain this app's client_id (§2.6, step 4): a token for the other app is refused.
            ValidAudience = sso.Value.ClientId,
            ValidateAudience = true,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuerSigningKey = true,
            // The kid must name a key of the JWKS; keys offered in the token's header are never used.
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            ValidAlgorithms = Algorithms,
            ValidTypes = LogoutTokenTypes,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = settings.ClockSkew,
        };
    }

    /// <summary>§2.6 steps 5–9, on the payload whose signature is now known to be the server's.</summary>
    private async Task<LogoutTokenValidation> ValidateClaimsAsync(JsonElement payload, DateTime validTo, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();

        if (!payload.TryGetProperty(JwtRegisteredClaimNames.Iat, out var iat)
            || iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out var issuedAtSeconds))
        {
            return LogoutTokenValidation.Refused("The logout token has no iat.");
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(issuedAtSeconds, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if (issuedAt > now + settings.ClockSkew)
        {
            return LogoutTokenValidation.Refused("The logout token was issued in the future.");
        }

        if (issuedAt < now - settings.MaxTokenAge - settings.ClockSkew)
        {
            return LogoutTokenValidation.Refused("The logout token was issued too long ago.");
        }

        // §2.4: events is a JSON object whose back-channel logout member is itself a JSON object.
        if (!payload.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Object
            || !events.TryGetProperty(BackChannelLogoutEvent, out var logoutEvent) || logoutEvent.ValueKind != JsonValueKind.Object)
        {
            return LogoutTokenValidation.Refused($"The logout token has no events claim with a {BackChannelLogoutEvent} member.");
        }

        // §2.4: a nonce is forbidden, so an ID token (which has one) can never be used as a logout token.
        if (payload.TryGetProperty(JwtRegisteredClaimNames.Nonce, out _))
        {
            return LogoutTokenValidation.Refused("A logout token must not contain a nonce.");
        }

        // A sid or sub of the wrong type is refused, not ignored: ignoring a bad sid would turn a
        // logout of one session into a logout of every session of the sub.
        if (!TryReadString(payload, "sid", out var sessionId) || !TryReadString(payload, JwtRegisteredClaimNames.Sub, out var subject))
        {
            return LogoutTokenValidation.Refused("The logout token's sid and sub must be non-empty strings.");
        }

        if (sessionId is null && subject is null)
        {
            return LogoutTokenValidation.Refused("The logout token names neither a sid nor a sub.");
        }

        if (!TryReadString(payload, JwtRegisteredClaimNames.Jti, out var tokenId) || tokenId is null)
        {
            return LogoutTokenValidation.Refused("The logout token has no jti.");
        }

        // Last, so only a token that is valid in every other way uses up its jti. It is kept
        // until the token would be refused anyway: expired, or issued too long ago.
        var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
        var tooOldFrom = issuedAt + settings.MaxTokenAge;
        var rememberUntil = (expiresAt < tooOldFrom ? expiresAt : tooOldFrom) + settings.ClockSkew;
        if (!await replayCache.TryRememberAsync(tokenId, rememberUntil, cancellationToken).ConfigureAwait(false))
        {
            return LogoutTokenValidation.Refused("The logout token was already used (jti replayed).");
        }

        return LogoutTokenValidation.Valid(new LogoutToken(sessionId, subject));
    }

    /// <summary>False when the claim is present but not a non-empty string; true with null when absent.</summary>
    private static bool TryReadString(JsonElement payload, string name, out string? value)
    {
        value = null;
        if (!payload.TryGetProperty(name, out var claim))
        {
            return true;
        }

        value = claim.ValueKind == JsonValueKind.String ? claim.GetString() : null;
        return !string.IsNullOrEmpty(value);
    }

    /// <summary>What went wrong, in words fit for the sender; never the raw input.</summary>
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidTypeException => "The token's typ must be logout+jwt.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not allowed (RS256 or ES256 only).",
        SecurityTokenSignatureKeyNotFoundException => "The token is not signed by a key of the identity server.",
        SecurityTokenInvalidSignatureException => "The token's signature is missing or not valid.",
        SecurityTokenInvalidAudienceException => "The token is not meant for this app (aud).",
        SecurityTokenInvalidIssuerException => "The token was not issued by this app's identity server (iss).",
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNoExpirationException => "The token has no exp.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        _ => "The logout token is not valid.",
    };
}
