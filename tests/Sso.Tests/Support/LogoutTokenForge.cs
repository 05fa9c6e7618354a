using System.Text.Json.Nodes;

namespace Sso.Tests.Support;

/// <summary>
/// Mints logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4) exactly as the identity server
/// sends them, signed with its real current key; tests then spoil one thing at a time. A token
/// from <see cref="Create"/> with no changes must be accepted, which proves the rest right.
/// </summary>
public sealed class LogoutTokenForge(TokenForge forge) : IDisposable
{
    public const string BackChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    public TokenForge Forge { get; } = forge;

    public static LogoutTokenForge For(SsoSystem system) => new(TokenForge.For(system));

    /// <summary>{alg: RS256, kid, typ: "logout+jwt"}.</summary>
    public JsonObject Header()
    {
        var header = Forge.Header();
        header["typ"] = "logout+jwt";
        return header;
    }

    /// <summary>The payload the server sends to <paramref name="audience"/>: iat now, exp two minutes on, a fresh jti.</summary>
    public JsonObject Payload(string audience, string? sid, string? sub)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = Forge.Issuer,
            ["aud"] = audience,
            ["iat"] = now,
            ["exp"] = now + 120,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["events"] = new JsonObject { [BackChannelLogoutEvent] = new JsonObject() },
        };
        if (sid is not null)
        {
            payload["sid"] = sid;
        }

        if (sub is not null)
        {
            payload["sub"] = sub;
        }

        return payload;
    }

    /// <summary>A valid logout token; <paramref name="header"/> and <paramref name="payload"/> spoil it.</summary>
    public string Create(string audience, string? sid, string? sub, Action<JsonObject>? header = null, Action<JsonObject>? payload = null)
    {
        var (h, p) = Parts(audience, sid, sub, header, payload);
        return Forge.Sign(h, p);
    }

    /// <summary>The parts of a valid logout token, spoilt as asked, for a test to sign its own way.</summary>
    public (JsonObject Header, JsonObject Payload) Parts(
        string audience, string? sid, string? sub, Action<JsonObject>? header = null, Action<JsonObject>? payload = null)
    {
        var h = Header();
        var p = Payload(audience, sid, sub);
        header?.Invoke(h);
        payload?.Invoke(p);
        return (h, p);
    }

    /// <summary>An ID token of the same person for the same client: typ JWT, a nonce, no events.</summary>
    public string IdToken(string audience, string? sid, string? sub)
    {
        var (header, payload) = Parts(audience, sid, sub, h => h["typ"] = "JWT", p =>
        {
            p.Remove("events");
            p.Remove("jti");
            p["nonce"] = Guid.NewGuid().ToString("N");
            p["auth_time"] = p["iat"]!.DeepClone();
            p["azp"] = audience;
        });
        return Forge.Sign(header, payload);
    }

    public void Dispose() => Forge.Dispose();
}
