using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Sso.IdentityServer.Keys;

namespace Sso.Tests.Support;

/// <summary>
/// Mints access tokens the way the identity server does, signed with its real current key, then
/// spoils exactly one thing: so when an API refuses a forged token, it refused it for that one
/// defect. <see cref="AccessToken"/> with no changes must be accepted, which proves the rest right.
/// </summary>
public sealed class TokenForge : IDisposable
{
    public const string OrdersApi = "orders-api";
    public const string BillingApi = "billing-api";

    private readonly SigningCredentials _server;
    private readonly RSA _attacker = RSA.Create(2048);

    public TokenForge(SigningCredentials server, Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(issuer);
        _server = server;
        Issuer = issuer.ToString();
    }

    /// <summary>The iss the server writes: its issuer URL, trailing slash included.</summary>
    public string Issuer { get; }

    public string ServerKeyId => _server.Key.KeyId;

    /// <summary>A forge for the system's identity server, with the signing key it uses right now.</summary>
    public static TokenForge For(SsoSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var keys = system.ServerServices.GetRequiredService<ServerKeyRing>();
        return new TokenForge(keys.SigningCredentials[0], system.Issuer);
    }

    /// <summary>The header of an RFC 9068 access token from this server.</summary>
    public JsonObject Header() => new()
    {
        ["alg"] = _server.Algorithm,
        ["kid"] = ServerKeyId,
        ["typ"] = "at+jwt",
    };

    /// <summary>The payload of a client-b access token for Alice, valid now for <paramref name="audience"/>.</summary>
    public JsonObject Payload(string audience = OrdersApi, string scope = "orders.read")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = "3f6b1c9e-0d4a-4e7b-9a51-5d2c8e7f1a20",
            ["aud"] = audience,
            ["client_id"] = TestAccounts.ClientB,
            ["scope"] = scope,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
    }

    /// <summary>A well-formed access token signed with the server's key; <paramref name="header"/> and <paramref name="payload"/> spoil it.</summary>
    public string AccessToken(Action<JsonObject>? header = null, Action<JsonObject>? payload = null)
    {
        var h = Header();
        var p = Payload();
        header?.Invoke(h);
        payload?.Invoke(p);
        return Sign(h, p);
    }

    /// <summary>Signs <paramref name="header"/>.<paramref name="payload"/> with the server's real private key.</summary>
    public string Sign(JsonObject header, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(header);
        var input = SigningInput(header, payload);
        var provider = _server.Key.CryptoProviderFactory.CreateForSigning(_server.Key, _server.Algorithm);
        try
        {
            return input + "." + Base64UrlEncoder.Encode(provider.Sign(Encoding.ASCII.GetBytes(input)));
        }
        finally
        {
            _server.Key.CryptoProviderFactory.ReleaseSignatureProvider(provider);
        }
    }

    /// <summary>RFC 7519 §6: an "unsecured JWT", alg none and an empty signature.</summary>
    public string AlgNone() => Unsecured(Header(), Payload());

    /// <summary><paramref name="header"/>.<paramref name="payload"/> as an unsecured JWT (alg none, no signature).</summary>
    public static string Unsecured(JsonObject header, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(header);
        return SigningInput(Changed(header, "alg", "none"), payload) + ".";
    }

    /// <summary>Signs with the attacker's own key under the server's kid: a signature the server never made.</summary>
    public string SignWithAttackerKey(JsonObject header, JsonObject payload)
    {
        var input = SigningInput(header, payload);
        var signature = _attacker.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>Algorithm confusion on any token: HS256 keyed with the server's public key (PEM).</summary>
    public string SignHs256WithThePublicKeyPem(JsonObject header, JsonObject payload) =>
        Hmac(header, payload, Encoding.ASCII.GetBytes(ServerRsa().ExportSubjectPublicKeyInfoPem()));

    /// <summary>
    /// Algorithm confusion: HS256 keyed with the server's public key (anyone can fetch it from the
    /// JWKS). A validator that picks the algorithm from the token checks this HMAC with the
    /// "key" it has, the public key, and accepts. Keyed with the PEM text, the classic form.
    /// </summary>
    public string Hs256KeyedWithThePublicKeyPem() => SignHs256WithThePublicKeyPem(Header(), Payload());

    /// <summary>As <see cref="Hs256KeyedWithThePublicKeyPem"/>, keyed with the DER bytes instead.</summary>
    public string Hs256KeyedWithThePublicKeyDer() => Hmac(Header(), Payload(), ServerRsa().ExportSubjectPublicKeyInfo());

    /// <summary>A genuine token whose payload was then changed (a broader scope) without re-signing.</summary>
    public string PayloadEditedAfterSigning()
    {
        var parts = AccessToken().Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["scope"] = "orders.read orders.write";
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    /// <summary>A genuine token with its signature removed (the trailing dot kept).</summary>
    public string SignatureCut()
    {
        var token = AccessToken();
        return token[..(token.LastIndexOf('.') + 1)];
    }

    /// <summary>
    /// Signed with the attacker's own key, which the header offers in <paramref name="parameter"/>
    /// (RFC 7515 §4.1.2–4.1.6): jwk and x5c embed it, jku and x5u point at <paramref name="attackerUrl"/>.
    /// A validator must only trust keys it got from the issuer's JWKS.
    /// </summary>
    public string OfferingAttackerKey(string parameter, Uri attackerUrl)
    {
        ArgumentNullException.ThrowIfNull(attackerUrl);
        var attackerKid = Base64UrlEncoder.Encode(SHA256.HashData(_attacker.ExportSubjectPublicKeyInfo()));
        var header = Changed(Header(), "kid", attackerKid);
        header[parameter] = parameter switch
        {
            "jwk" => AttackerJwk(attackerKid),
            "x5c" => new JsonArray(Convert.ToBase64String(AttackerCertificate())),
            "jku" => new Uri(attackerUrl, "jwks.json").ToString(),
            "x5u" => new Uri(attackerUrl, "cert.pem").ToString(),
            _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "jwk, jku, x5u or x5c."),
        };
        var input = SigningInput(header, Payload());
        var signature = _attacker.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>Signed by the server's real key, but naming another key id.</summary>
    public string WithKid(string kid) => AccessToken(header: h => h["kid"] = kid);

    public string WithIssuer(string issuer) => AccessToken(payload: p => p["iss"] = issuer);

    /// <summary>A token for another API (its audience and one of its scopes), otherwise right.</summary>
    public string ForAudience(string audience, string scope) =>
        Sign(Header(), Payload(audience, scope));

    /// <summary>An ID token as the server issues them to client-a (typ JWT, aud = the client id).</summary>
    public string IdToken()
    {
        var payload = Payload();
        payload.Remove("scope");
        payload.Remove("client_id");
        payload["aud"] = TestAccounts.ClientA;
        payload["azp"] = TestAccounts.ClientA;
        payload["name"] = TestAccounts.AliceDisplayName;
        payload["auth_time"] = payload["iat"]!.DeepClone();
        return Sign(Changed(Header(), "typ", "JWT"), payload);
    }

    /// <summary>Expired well beyond any clock skew the API tolerates.</summary>
    public string Expired() => AccessToken(payload: p =>
    {
        var now = DateTimeOffset.UtcNow;
        p["iat"] = now.AddHours(-1).ToUnixTimeSeconds();
        p["nbf"] = now.AddHours(-1).ToUnixTimeSeconds();
        p["exp"] = now.AddMinutes(-5).ToUnixTimeSeconds();
    });

    /// <summary>Valid only from five minutes on, well beyond any clock skew the API tolerates.</summary>
    public string NotYetValid() => AccessToken(payload: p => p["nbf"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());

    /// <summary>A whole token about <paramref name="size"/> characters long: a huge scope claim, signed.</summary>
    public string OfSize(int size) =>
        AccessToken(payload: p => p["scope"] = "orders.read " + new string('x', Math.Max(0, size * 3 / 4)));

    public void Dispose() => _attacker.Dispose();

    private static string Hmac(JsonObject header, JsonObject payload, byte[] key)
    {
        var input = SigningInput(Changed(header, "alg", SecurityAlgorithms.HmacSha256), payload);
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)));
    }

    private RSA ServerRsa() => _server.Key is RsaSecurityKey { Rsa: { } rsa }
        ? rsa
        : throw new InvalidOperationException("The server's signing key is not an RSA key.");

    private JsonObject AttackerJwk(string kid)
    {
        var parameters = _attacker.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = kid,
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private byte[] AttackerCertificate()
    {
        var request = new CertificateRequest("CN=Sso Issuer", _attacker, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Cert);
    }

    private static JsonObject Changed(JsonObject json, string name, JsonNode? value)
    {
        json[name] = value;
        return json;
    }

    private static string SigningInput(JsonObject header, JsonObject payload) => Encode(header) + "." + Encode(payload);

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(json.ToJsonString());
}
