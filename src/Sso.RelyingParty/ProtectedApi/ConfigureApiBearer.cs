using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Sso.RelyingParty.SignIn;
using Sso.RelyingParty.Transport;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>
/// Validation of JWT access tokens (RFC 9068) at this app's API, configured lazily from
/// "Sso:Authority" and the "Api" section. Signing keys come only from the server's JWKS (via
/// discovery); keys offered in a token's header (jwk, jku, x5u, x5c) are never used, which is
/// IdentityModel's default and is not changed here.
/// </summary>
internal sealed class ConfigureApiBearer(
    IOptions<SsoClientOptions> sso,
    IOptions<ApiOptions> api,
    IHostEnvironment environment) : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>RFC 9068 §2.1: JWT access tokens are typed, so an ID token (typ JWT) is never taken for one.</summary>
    private static readonly string[] AccessTokenTypes = ["at+jwt"];

    /// <summary>Allow-list: "none" and HMAC (HS256 signed with the public key) are refused (RFC 8725 §3.1).</summary>
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var authority = sso.Value.Authority;
        var settings = api.Value;

        options.Authority = authority;
        options.Audience = settings.Audience;
        options.RequireHttpsMetadata = !(Uri.TryCreate(authority, UriKind.Absolute, out var uri)
            && TransportSecurity.IsPlainHttpAllowed(uri, environment));
        options.MapInboundClaims = false;
        // Introspection for endpoints that require an active token (RequireActiveToken).
        options.EventsType = typeof(ApiBearerEvents);
        // No OnMessageReceived hook: tokens are read only from the Authorization header, never
        // from the query string, where they would end up in logs and Referer headers (RFC 6750 §2.3).

        var parameters = options.TokenValidationParameters;
        // The handler adds the issuer from discovery too; both are the same string for our server.
        parameters.ValidIssuer = authority;
        parameters.ValidateIssuer = true;
        // Another app's token or an ID token (aud = client id) is refused.
        parameters.ValidAudience = settings.Audience;
        parameters.ValidateAudience = true;
        parameters.ValidTypes = AccessTokenTypes;
        parameters.ValidAlgorithms = Algorithms;
        parameters.RequireSignedTokens = true;
        // The kid must name a key of the server's JWKS. IdentityModel's default would, for an
        // unknown or missing kid, try every published key in turn and accept any that verifies,
        // so a token's kid would be ignored rather than checked (SECURITY.md, "Tokens at the APIs").
        parameters.TryAllIssuerSigningKeys = false;
        parameters.RequireExpirationTime = true;
        parameters.ValidateLifetime = true;
        parameters.ClockSkew = settings.ClockSkew;
        parameters.NameClaimType = "sub";
        parameters.RoleClaimType = "role";
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
