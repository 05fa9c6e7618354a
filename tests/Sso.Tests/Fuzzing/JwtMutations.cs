using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.IdentityModel.Tokens;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Truncated and doctored JWTs made from real and forged ones: alg none and algorithm confusion,
/// huge or hostile kid values, jku/x5u/jwk/x5c headers, edited claims of the wrong type, deep
/// nesting, duplicated claims, bad base64, missing or extra segments. The original signature is
/// kept, so each is refused for its defect, or breaks something before the signature is checked.
/// </summary>
public static class JwtMutations
{
    private delegate string Mutation(string token, int position, string junk);

    private static readonly Mutation[] Mutations =
    [
        (token, position, _) => token[..(position % (token.Length + 1))],
        (token, _, _) => token[..(token.LastIndexOf('.') + 1)],
        (token, _, _) => token[..Math.Max(0, token.LastIndexOf('.'))],
        (token, _, junk) => $"{token}.{Base64UrlEncoder.Encode(junk)}.{Base64UrlEncoder.Encode(junk)}",
        (token, position, _) => Header(token, h => h["alg"] = Pick<JsonNode?>(position, "none", "None", "NONE", "", " none", null, 123, new JsonArray("RS256"))),
        (token, position, _) => Header(token, h => h["alg"] = Pick<JsonNode?>(position, "HS256", "HS512", "ES256", "PS256", "RSA-OAEP", "dir", "EdDSA")),
        (token, position, _) => Header(token, h => h["kid"] = new string('k', position % 2 == 0 ? 10_000 : 100_000)),
        (token, position, junk) => Header(token, h => h["kid"] = Pick<JsonNode?>(position, "../../../../etc/passwd", "' OR 1=1 --", null, 7, new JsonObject(), "", junk, "\u0000")),
        (token, position, _) => Header(token, h => h[Pick(position, "jku", "x5u")] = Pick(position / 2, "http://127.0.0.1:9/jwks.json", "file:///etc/passwd", "", "\\\\127.0.0.1\\share")),
        (token, position, junk) => Header(token, h => h[Pick(position, "jwk", "x5c")] = Pick<JsonNode?>(position / 2, new JsonObject { ["kty"] = "RSA", ["n"] = junk, ["e"] = "AQAB" }, new JsonArray(junk), junk, null)),
        (token, position, _) => Header(token, h => { h["crit"] = new JsonArray("exp", "b64"); h["b64"] = position % 2 == 0; }),
        (token, position, _) => Header(token, h => { h["zip"] = "DEF"; h["enc"] = Pick(position, "A256GCM", "A128CBC-HS256", "junk"); }),
        (token, _, _) => Header(token, h => h["cty"] = "JWT"),
        (token, position, junk) => Header(token, h => h["typ"] = Pick<JsonNode?>(position, "logout+jwt", "JWT", "at+jwt", "", 5, junk, null)),
        (token, _, junk) => $"{Base64UrlEncoder.Encode(junk)}.{Segment(token, 1)}.{Segment(token, 2)}",
        (token, position, _) => $"{Base64UrlEncoder.Encode(Pick(position, "[]", "5", "\"x\"", "null", "{", "{\"alg\":\"RS256\",\"alg\":\"none\"}"))}.{Segment(token, 1)}.{Segment(token, 2)}",
        (token, position, _) => Payload(token, p => p[Pick(position / 4, "exp", "nbf", "iat")] = Pick<JsonNode?>(position, JsonNode.Parse("1e400"), -1, "tomorrow", 1.5, long.MaxValue, new JsonArray())),
        (token, position, junk) => Payload(token, p => p["aud"] = Pick<JsonNode?>(position, new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode)$"api-{i}")]), new JsonObject(), 42, junk, null)),
        (token, position, junk) => Payload(token, p => p[Pick(position / 5, "sub", "sid", "client_id", "scope", "jti")] = Pick<JsonNode?>(position, null, new JsonObject { ["x"] = junk }, new string('s', 50_000), "", new JsonArray("a", "b"))),
        (token, _, _) => RawPayload(token, json => json.Insert(1, "\"deep\":" + new string('[', 5000) + new string(']', 5000) + ",")),
        (token, _, junk) => RawPayload(token, json => json.Insert(1, $"\"sub\":\"{junk.Replace("\"", "", StringComparison.Ordinal)}\",\"iss\":\"http://evil.example/\",")),
        (token, _, junk) => $"{Segment(token, 0)}.{Base64UrlEncoder.Encode(junk)}.{Segment(token, 2)}",
        (token, position, _) => token.Insert(position % (token.Length + 1), Pick(position / 7, "=", "+", "/", "!", " ", "\u00e9", "%", "==", "\n")),
        (token, position, _) => Pick(position, " " + token, token + "==", token + " ", token.Replace('.', ','), token.ToUpperInvariant()),
        (token, position, junk) => $"{Segment(token, 0)}.{Segment(token, 1)}.{Pick(position, Base64UrlEncoder.Encode(junk), "", new string('A', 65_536), "AAAA")}",
        (token, _, _) => $"{Segment(token, 1)}.{Segment(token, 0)}.{Segment(token, 2)}",
        (token, position, junk) => Payload(token, p => p["events"] = Pick<JsonNode?>(position, junk, new JsonObject(), JsonNode.Parse("{\"http://schemas.openid.net/event/backchannel-logout\":1}"), new JsonArray())),
        (token, position, _) => Payload(token, p => { p["nonce"] = "n"; p["iss"] = Pick<JsonNode?>(position, "http://evil.example/", "", null); p["iat"] = 99999999999; }),
    ];

    /// <summary>A real or forged token from <paramref name="material"/>, as it is (a third of the time) or spoilt one way.</summary>
    public static Gen<FuzzValue> Of(Func<FuzzMaterial> material) =>
        from index in Gen.Int[0, 1000]
        from mutate in Gen.Int[0, 2]
        from mutation in Gen.Int[0, Mutations.Length - 1]
        from position in Gen.Int[0, 1_000_000]
        from junk in FuzzValues.Ascii
        select new FuzzValue(Spoil(material(), index, mutate == 0 ? null : mutation, position, junk), Literal: false);

    private static string Spoil(FuzzMaterial material, int index, int? mutation, int position, string junk)
    {
        var token = material.Tokens[index % material.Tokens.Count].Value;
        return mutation is { } chosen ? Mutations[chosen](token, position, junk) : token;
    }

    private static T Pick<T>(int position, params T[] choices) => choices[position % choices.Length];

    private static string Segment(string token, int index) => token.Split('.') is var parts && index < parts.Length ? parts[index] : "";

    private static string Header(string token, Action<JsonObject> change) => Edit(token, 0, change);

    private static string Payload(string token, Action<JsonObject> change) => Edit(token, 1, change);

    private static string Edit(string token, int index, Action<JsonObject> change)
    {
        var parts = token.Split('.');
        JsonObject json;
        try
        {
            json = JsonNode.Parse(Base64UrlEncoder.Decode(parts[index])) as JsonObject ?? [];
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or System.Text.Json.JsonException)
        {
            json = [];
        }

        change(json);
        parts[index] = Base64UrlEncoder.Encode(json.ToJsonString());
        return string.Join('.', parts);
    }

    private static string RawPayload(string token, Func<string, string> change)
    {
        var parts = token.Split('.');
        var json = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        parts[1] = Base64UrlEncoder.Encode(change(json.StartsWith('{') ? json : "{}"));
        return string.Join('.', parts);
    }
}
