using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// The generator of whole fuzz cases: an endpoint (each equally often, so none is starved), a
/// method (its own or a wrong one), route values, parameters placed in the query, the body or both,
/// a body encoding and a Content-Type that may not match it, cookies, Authorization and extra headers.
/// </summary>
public sealed partial class FuzzCases
{
    private const int MaxTargetChars = 64 * 1024;

    private const int MaxHeaderChars = 64 * 1024;

    private const int MaxBodyBytes = FuzzValues.HugeSize + (64 * 1024);

    private static readonly string[] WrongMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND", "get", "FOO"];

    private readonly IReadOnlyList<FuzzEndpoint> _endpoints;
    private readonly FuzzSystem _system;
    private readonly FuzzParameters _parameters;
    private readonly FuzzHeaders _headers;

    public FuzzCases(FuzzSystem system, IReadOnlyList<FuzzEndpoint> endpoints, Func<FuzzMaterial> material)
    {
        _system = system;
        _endpoints = endpoints;
        _parameters = new FuzzParameters(system, material);
        _headers = new FuzzHeaders(material);
        Case = Gen.Int[0, endpoints.Count - 1].SelectMany(index => For(endpoints[index]));
    }

    public Gen<FuzzCase> Case { get; }

    /// <summary>Cases for one endpoint.</summary>
    public Gen<FuzzCase> For(FuzzEndpoint endpoint) =>
        from method in Gen.Frequency((7, Gen.OneOf([.. endpoint.Methods])), (3, Gen.OneOf(WrongMethods)))
        from path in Path(endpoint)
        from parameters in _parameters.For(endpoint)
        from placement in Gen.Int[0, 9]
        from encoding in Gen.Int[0, 9]
        from contentType in Gen.Frequency((6, FuzzGen.Null<string>()), (3, Gen.OneOf(FuzzBodies.ContentTypes).Select(t => (string?)t)), (1, Gen.Const<string?>("")))
        from json in FuzzBodies.JsonDocument(Gen.OneOf(FuzzParameters.JsonNames))
        from cookie in _headers.Cookie(new Uri(_system.UrlOf(endpoint.Host), Regex.Replace(endpoint.Route, "{[^}]*}", "x").TrimStart('/')))
        from authorization in _headers.Authorization(endpoint.Kind)
        from extra in _headers.Extra()
        select Build(endpoint, method, path, parameters, placement, encoding, contentType, json, cookie, authorization, extra);

    private Gen<string> Path(FuzzEndpoint endpoint)
    {
        var slots = RouteParameter().Count(endpoint.Route);
        return from values in _parameters.RouteValue().Array[slots, slots]
               from suffix in Gen.Frequency((12, Gen.Const("")), (1, Gen.OneOf("/", "/.", ";x=1", "/%2e%2e/admin", "%00", "//", "/\u00ff")))
               from upper in Gen.Frequency((15, Gen.Const(false)), (1, Gen.Const(true)))
               select Fill(endpoint.Route, values, upper) + suffix;
    }

    private static string Fill(string route, FuzzValue[] values, bool upper)
    {
        var next = 0;
        var path = RouteParameter().Replace(route, _ => values[next++].Encoded);
        return upper ? path.ToUpperInvariant() : path;
    }

    private static FuzzCase Build(
        FuzzEndpoint endpoint, string method, string path, KeyValuePair<string, FuzzValue>[] parameters, int placement, int encoding,
        string? contentType, string json, string? cookie, string? authorization, KeyValuePair<string, string>[] extra)
    {
        // The JSON endpoints get their own JSON documents most of the time; the rest get their
        // parameters in the query (GET-like), the body (POST-like) or split across both.
        var inQuery = placement switch
        {
            < 3 => parameters,
            < 8 => [],
            _ => parameters[..(parameters.Length / 2)],
        };
        var inBody = parameters[inQuery.Length..];
        var recipe = new StringBuilder($"{parameters.Length} params, {inQuery.Length} in query");

        byte[]? body = null;
        string? matching = null;
        if (inBody.Length > 0 || encoding == 9 || endpoint.Kind == EndpointKind.Json)
        {
            (body, matching, var shape) = (endpoint.Kind == EndpointKind.Json && encoding < 6 ? 10 : encoding) switch
            {
                < 4 => (FuzzBodies.Form(inBody), "application/x-www-form-urlencoded", "form"),
                < 6 => (FuzzBodies.Json(inBody), "application/json", "json"),
                < 8 => (FuzzBodies.Multipart(inBody), $"multipart/form-data; boundary={FuzzBodies.Boundary}", "multipart"),
                8 => (Encoding.Latin1.GetBytes(string.Concat(inBody.Select(p => p.Value.Text).ToArray())), null, "raw text"),
                9 => ([], "application/x-www-form-urlencoded", "empty"),
                _ => (Encoding.Latin1.GetBytes(json), "application/json", "json document"),
            };
            recipe.Append(", body ").Append(shape);
        }

        var headers = new List<KeyValuePair<string, string>>();
        var type = contentType ?? matching;
        if (body is not null && type is not null)
        {
            headers.Add(KeyValuePair.Create("Content-Type", type));
            recipe.Append(", content-type ").Append(type == matching ? "matching" : $"'{type}'");
        }

        if (cookie is not null)
        {
            headers.Add(KeyValuePair.Create("Cookie", cookie));
            recipe.Append(", cookies");
        }

        if (authorization is not null)
        {
            headers.Add(KeyValuePair.Create("Authorization", authorization));
            recipe.Append(", authorization ").Append(authorization.Split(' ')[0]);
        }

        headers.AddRange(extra);
        var query = inQuery.Length == 0 ? "" : "?" + FuzzBodies.FormText(inQuery);
        // Caps, far above every limit the apps set (8 KB request line, 32 KB of headers, 256 KB of
        // body), so the answer is the same as for anything larger. They keep the fuzzer itself from
        // renting multi-megabyte buffers (Uri parsing, HttpClient's header buffer) from the array
        // pools it shares with the apps, whose retained memory the run measures.
        var target = path + query;
        return new FuzzCase(endpoint, method, Cap(target, MaxTargetChars),
            [.. headers.Select(header => KeyValuePair.Create(header.Key, Cap(header.Value, MaxHeaderChars)))],
            body?.Length > MaxBodyBytes ? body[..MaxBodyBytes] : body, recipe.ToString());
    }

    private static string Cap(string text, int length) => text.Length > length ? text[..length] : text;

    [GeneratedRegex("{[^}]*}")]
    private static partial Regex RouteParameter();
}
