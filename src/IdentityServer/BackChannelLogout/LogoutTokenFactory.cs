using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sso.IdentityServer.Hosting;
using Sso.IdentityServer.Keys;
using Sso.IdentityServer.Protocol;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.BackChannelLogout;

/// <summary>
/// Logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4): signed with the server's current
/// key, typed <c>logout+jwt</c> so no app can take one for an ID token (§2.4, RFC 8725 §3.11),
/// carrying sid and sub, the back-channel event, a fresh jti, and never a nonce.
/// </summary>
public sealed class LogoutTokenFactory(ServerKeyRing keys, IOptions<ServerOptions> server, IOptions<BackChannelLogoutOptions> options, TimeProvider time)
{
    public const string TokenType = "logout+jwt";
    public const string BackChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Create(string clientId, string userId, string sessionId)
    {
        var now = time.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            SigningCredentials = keys.SigningCredentials[0],
            Issuer = server.Value.Issuer!.AbsoluteUri,
            Audience = clientId,
            IssuedAt = now.UtcDateTime,
            Expires = (now + options.Value.TokenLifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [Claims.JwtId] = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)),
                [Claims.Subject] = userId,
                [SsoClaimTypes.SessionId] = sessionId,
                ["events"] = new Dictionary<string, object> { [BackChannelLogoutEvent] = new Dictionary<string, object>() },
            },
        };
        return Handler.CreateToken(descriptor);
    }
}
