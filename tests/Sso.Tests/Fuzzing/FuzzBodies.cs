using System.Text;
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

    /// <summary>
    /// A JSON value (as JSON text) of any type, junk included, sized from tiny to ten thousand
    /// elements. Written by hand rather than by System.Text.Json, whose writer would rent
    /// multi-megabyte buffers for a megabyte of escaped text from the array pool this process
    /// shares with the apps whose memory the run measures.
    /// </summary>
    public static readonly Gen<string> JsonValue = Gen.Frequency(
        (5, FuzzValues.Any(Gen.OneOf("https://fuzz.example.com/cb", "openid", "authorization_code", "client_secret_basic", "none", "public"))
            .Select(value => Quote(value.Text))),
        (1, Gen.OneOf("0", "-1", "1e400", "1.5", "9223372036854775808", "-0")),
        (1, Gen.OneOf("true", "false", "null")),
        (2, FuzzValues.Ascii.Array[0, 5].Select(items => "[" + string.Join(',', items.Select(Quote)) + "]")),
        (1, FuzzGen.Each(() => "[" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"\"https://x{i}.example/\"")) + "]")),
        (1, FuzzValues.Ascii.Select(text => $"{{\"a\":{{\"b\":{Quote(text)}}}}}")));

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
        (1, FuzzValues.Huge.Select(huge => string.Concat("{\"client_name\":\"", huge, "\",\"redirect_uris\":[\"https://x.example/cb\"]}"))));

    /// <summary>Parameters as application/x-www-form-urlencoded (literal values keep their bytes).</summary>
    public static byte[] Form(IEnumerable<KeyValuePair<string, FuzzValue>> parameters) => Encoding.Latin1.GetBytes(FormText(parameters));

    /// <summary>
    /// Parameters as a query or form text. Built from arrays with exact-size concatenation, not
    /// interpolation or joins of sequences, which grow their text in buffers rented from the array
    /// pool the apps share: a huge value there would leave a multi-megabyte buffer pooled for
    /// good, which the run would count as the apps' memory growth.
    /// </summary>
    public static string FormText(IEnumerable<KeyValuePair<string, FuzzValue>> parameters) =>
        string.Join('&', parameters.Select(p => string.Concat(Percent.Encode(p.Key), "=", p.Value.Encoded)).ToArray());

    /// <summary>Parameters as a JSON object (repeated names stay repeated), built like <see cref="FormText"/>.</summary>
    public static byte[] Json(IEnumerable<KeyValuePair<string, FuzzValue>> parameters) =>
        Encoding.UTF8.GetBytes(string.Concat("{", string.Join(',', parameters.Select(p => string.Concat(Quote(p.Key), ":", Quote(p.Value.Text))).ToArray()), "}"));

    /// <summary>A JSON string literal: quotes, backslashes and control characters escaped, everything else as it is.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                < ' ' => quoted.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
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

    // Written by hand, so that repeated keys stay repeated.
    private static string ToObject(KeyValuePair<string, string>[] members) =>
        string.Concat("{", string.Join(',', members.Select(m => string.Concat(Quote(m.Key), ":", m.Value)).ToArray()), "}");
}
