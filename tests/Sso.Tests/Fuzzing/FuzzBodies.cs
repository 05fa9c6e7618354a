using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Request bodies: the case's parameters as a form, as JSON or as multipart, or JSON built for
/// the JSON endpoints with values of every wrong type, deep nesting, truncation, duplicate keys and
/// invalid UTF-8; and the Content-Type that goes with them, or a wrong one, or none.
/// </summary>
public static class FuzzBodies
{
    public const string Boundary = "fuzz-boundary-7MA4YWxk";

    public static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/json", $"multipart/form-data; boundary={Boundary}", "multipart/form-data",
        "multipart/form-data; boundary=\"\"", "text/plain", "application/x-www-form-urlencoded; charset=utf-7",
        "application/json; charset=latin1", "application/jwt", "application/octet-stream", "a/b/c;;;=", "",
        "application/x-www-form-urlencoded, application/json", "*/*", "application/json; charset=\"unterminated",
    ];

    /// <summary>A JSON value of any type, junk included, sized from tiny to ten thousand elements.</summary>
    public static readonly Gen<JsonNode?> JsonValue = Gen.Frequency(
        (5, FuzzValues.Any(Gen.OneOf("https://fuzz.example.com/cb", "openid", "authorization_code", "client_secret_basic", "none", "public"))
            .Select(value => (JsonNode?)value.Text)),
        (1, Gen.OneOf("0", "-1", "1e400", "1.5", "9223372036854775808", "-0").Select(number => JsonNode.Parse(number))),
        (1, Gen.Bool.Select(flag => (JsonNode?)flag)),
        (1, FuzzGen.Null<JsonNode>()),
        (2, FuzzValues.Ascii.Array[0, 5].Select(items => (JsonNode?)new JsonArray([.. items.Select(item => (JsonNode?)item)]))),
        (1, FuzzGen.Each(() => (JsonNode?)new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode?)$"https://x{i}.example/")]))),
        (1, FuzzValues.Ascii.Select(text => (JsonNode?)new JsonObject { ["a"] = new JsonObject { ["b"] = text } })));

    /// <summary>A JSON document for a JSON endpoint: mostly an object of known and unknown members, sometimes worse.</summary>
    public static Gen<string> JsonDocument(Gen<string> keys) => Gen.Frequency(
        (8, (from key in keys from value in JsonValue select KeyValuePair.Create(key, value)).Array[0, 10].Select(ToObject)),
        (1, Gen.OneOf(100, 100_000).Select(depth => new string('[', depth) + new string(']', depth))),
        (1, FuzzGen.Each(() => string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000))),
        (1, from members in (from key in keys from value in JsonValue select KeyValuePair.Create(key, value)).Array[1, 5]
            from cut in Gen.Int[0, 1000]
            let json = ToObject(members)
            select json[..(cut % json.Length)]),
        (1, Gen.OneOf("[]", "\"x\"", "5", "null", "true", "", " ", "{\"redirect_uris\":\"\u00ff\u00fe\"}", "{\"a\":1,\"a\":2,\"a\":[]}", "{'a':1}", "{\"a\":NaN}")),
        (1, FuzzValues.Huge.Select(huge => $"{{\"client_name\":\"{huge}\",\"redirect_uris\":[\"https://x.example/cb\"]}}")));

    /// <summary>Parameters as application/x-www-form-urlencoded (literal values keep their bytes).</summary>
    public static byte[] Form(IEnumerable<KeyValuePair<string, FuzzValue>> parameters) =>
        Encoding.Latin1.GetBytes(string.Join('&', parameters.Select(p => $"{Percent.Encode(p.Key)}={p.Value.Encoded}")));

    /// <summary>Parameters as a JSON object (the last of repeated names wins, as most parsers do).</summary>
    public static byte[] Json(IEnumerable<KeyValuePair<string, FuzzValue>> parameters)
    {
        var json = new JsonObject();
        foreach (var (name, value) in parameters)
        {
            json[name] = value.Text;
        }

        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>Parameters as multipart/form-data, with one file part among them.</summary>
    public static byte[] Multipart(IEnumerable<KeyValuePair<string, FuzzValue>> parameters)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            body.Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"")
                .Append(name.Replace("\"", "%22", StringComparison.Ordinal)).Append("\"\r\n\r\n").Append(value.Text).Append("\r\n");
        }

        body.Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x.txt\"\r\n")
            .Append("Content-Type: application/octet-stream\r\n\r\n\u00ff\u00fe\u0000\r\n--").Append(Boundary).Append("--\r\n");
        return Encoding.Latin1.GetBytes(body.ToString());
    }

    private static string ToObject(KeyValuePair<string, JsonNode?>[] members)
    {
        // Written by hand, so that repeated keys stay repeated.
        return "{" + string.Join(',', members.Select(m => $"{System.Text.Json.JsonSerializer.Serialize(m.Key)}:{m.Value?.ToJsonString() ?? "null"}")) + "}";
    }
}
