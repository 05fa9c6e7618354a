using System.Net;
using System.Text;
using CsCheck;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Headers for a fuzz case: real, broken, oversized and duplicated cookies (sessions, antiforgery,
/// OpenID Connect correlation and nonce, chunked cookies), Authorization with doctored JWTs or
/// Basic garbage, and the headers proxies and browsers add, filled with junk, CRLF or NUL.
/// </summary>
public sealed class FuzzHeaders(Func<FuzzMaterial> material)
{
    private static readonly string[] CookieNames =
    [
        "sso.session", "__Host-sso.session", "orders.session", "billing.session", "orders.sessionC1",
        ".AspNetCore.Antiforgery.x", "orders.session.correlation.x", "billing.session.nonce.x", ".AspNetCore.Correlation.x",
        ".AspNetCore.OpenIdConnect.Nonce.x", ".AspNetCore.Identity.Application", "",
    ];

    private readonly Gen<FuzzValue> _jwt = JwtMutations.Of(material);

    /// <summary>The Cookie header for a request to <paramref name="url"/>, or null for none.</summary>
    public Gen<string?> Cookie(Uri url) => Gen.Frequency(
        (3, FuzzGen.Null<string>()),
        (4, FuzzGen.Each(() => (string?)Jar(material().SignedIn, url))),
        (2, FuzzGen.Each(() => (string?)Join(Jar(material().SigningIn, url), Jar(material().Anonymous, url)))),
        (5, BrokenCookies(url)),
        (1, Gen.OneOf(";;;", "=", "a", "a=b=c", "\"\"", "a=\"unterminated", "sso.session=\u00ff\u00fe", " ; = ; ").Select(v => (string?)v)));

    public Gen<string?> Authorization(EndpointKind kind) => Gen.Frequency(
        (kind is EndpointKind.Api or EndpointKind.Json ? 2 : 5, FuzzGen.Null<string>()),
        (kind is EndpointKind.Api or EndpointKind.Json ? 6 : 3, _jwt.Select(token => (string?)("Bearer " + token.Text))),
        (1, Gen.Int[0, 2].Select(i => (string?)("Bearer " + (i switch
        {
            0 => material().RefreshToken,
            1 => material().InitialAccessToken,
            _ => material().RegistrationAccessToken,
        })))),
        (2, BasicGarbage()),
        (1, Gen.OneOf("Bearer", "Bearer ", "bearer a b c", "Negotiate YII=", "Digest username=\"x\"", "Basic", "Basic a b", "Bearer\u0000x", "NTLM")
            .Select(v => (string?)v)));

    /// <summary>0–3 extra headers: forwarded addresses, user agents, languages, encodings, injection attempts.</summary>
    public Gen<KeyValuePair<string, string>[]> Extra() =>
        Gen.Frequency(
            (3, FromJunk("X-Forwarded-For", Gen.OneOf("1.2.3.4, 5.6.7.8", "::::", "unknown", "999.999.999.999", "[::1]:80", "fe80::1%eth0",
                string.Join(", ", Enumerable.Range(0, 300).Select(i => $"10.0.{i / 256}.{i % 256}"))))),
            (2, FromJunk("X-Forwarded-Proto", Gen.OneOf("https", "gopher", "https, http", ""))),
            (1, FromJunk("X-Forwarded-Host", Gen.OneOf("evil.example", "localhost:1", "a b"))),
            (3, FromJunk("User-Agent", Gen.OneOf("Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0", FuzzValues.Repeat("Mozilla/5.0 (", 16_000), "()()(;;;", ""))),
            (2, FromJunk("Accept-Language", Gen.OneOf("xx-YY;q=abc", "*;q=2", string.Join(",", Enumerable.Range(0, 300).Select(i => $"l{i};q=0.{i % 10}"))))),
            (1, FromJunk("Accept", Gen.OneOf("*/*;q=abc", "application/json;q=2", "text/html;;;", "application/jwt"))),
            (1, FromJunk("Origin", Gen.OneOf("http://evil.example", "null", "file://"))),
            (1, FromJunk("Referer", Gen.OneOf("http://evil.example/", "javascript:alert(1)"))),
            (1, FromJunk("Range", Gen.OneOf("bytes=0-1,5-", "bytes=-0", "bytes=99999999999999999999-"))),
            (1, FromJunk("If-Modified-Since", Gen.OneOf("yesterday", "Thu, 01 Jan 1970 00:00:00 GMT"))),
            (1, FromJunk("Content-Encoding", Gen.OneOf("gzip", "br", "deflate, gzip", "x"))),
            (1, FromJunk("Expect", Gen.OneOf("100-continue", "x"))),
            (1, FromJunk("X-HTTP-Method-Override", Gen.OneOf("DELETE", "PUT"))),
            (1, Gen.OneOf("a\r\nSet-Cookie: injected=1", "a\r\n\r\nGET / HTTP/1.1", "a\u0000b", "\u00ff\u00fe\u0080", "a\nb")
                .Select(v => KeyValuePair.Create("X-Fuzz", v))),
            (1, _jwt.Select(token => KeyValuePair.Create("Authorization", "Bearer " + token.Text))))
        .Array[0, 3];

    private static Gen<KeyValuePair<string, string>> FromJunk(string name, Gen<string> plausible) =>
        Gen.Frequency((3, plausible), (1, FuzzValues.Ascii), (1, FuzzValues.RawBytes), (1, FuzzValues.PercentGarbage))
            .Select(value => KeyValuePair.Create(name, value));

    private Gen<string?> BrokenCookies(Uri url) =>
        from breakage in Gen.Int[0, 9]
        from pick in Gen.Int[0, 1000]
        from junk in FuzzValues.Small(Gen.OneOf(CookieNames))
        select (string?)Break(breakage, pick, junk.Encoded, url);

    private string Break(int breakage, int pick, string junk, Uri url)
    {
        var m = material();
        var real = m.SignedIn.GetCookies(url).Concat(m.SigningIn.GetCookies(url)).Concat(m.Anonymous.GetCookies(url))
            .Select(cookie => KeyValuePair.Create(cookie.Name, cookie.Value)).ToList();
        var name = real.Count > 0 ? real[pick % real.Count].Key : CookieNames[pick % CookieNames.Length];
        var value = real.Count > 0 ? real[pick % real.Count].Value : "x";
        var others = string.Join("; ", real.Where(cookie => cookie.Key != name).Select(cookie => $"{cookie.Key}={cookie.Value}"));
        var broken = breakage switch
        {
            0 => $"{name}={junk}",
            1 => $"{name}={value[..(pick % (value.Length + 1))]}",
            2 => $"{name}={Flip(value, pick)}",
            3 => $"{name}=chunks-{(pick % 2 == 0 ? "99999999" : "2")}; {name}C1={value}",
            4 => $"{name}={value}; {name}={junk}",
            5 => string.Join("; ", Enumerable.Range(0, 300).Select(i => $"c{i}={junk}")),
            6 => $"{name}={FuzzValues.Repeat(value.Length > 0 ? value : "A", 8 * 1024)}",
            7 => $"{CookieNames[pick % CookieNames.Length]}={junk}",
            8 => $"{name}=chunks-x; {name}C1=; {name}C2={junk}",
            _ => $"{name}={value}{junk}",
        };
        return Join(broken, others);
    }

    private static string Flip(string value, int pick)
    {
        if (value.Length == 0)
        {
            return "x";
        }

        var chars = value.ToCharArray();
        var at = pick % chars.Length;
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static Gen<string?> BasicGarbage() =>
        from kind in Gen.Int[0, 6]
        from id in FuzzValues.Any(Gen.OneOf("client-a", "reporting-service", "billing-api", "admin-automation"))
        from secret in FuzzValues.Any(Gen.OneOf("wrong", "test-secret-client-a", ""))
        select (string?)(kind switch
        {
            0 => "Basic " + Base64($"{id.Encoded}:{secret.Encoded}"),
            1 => "Basic " + Base64($"{id.Text}:{secret.Text}"),
            2 => "Basic " + Base64(id.Text),
            3 => "Basic " + Convert.ToBase64String([0xff, 0xfe, 0x3a, 0x80, 0xc3]),
            4 => "Basic !!!!" + id.Encoded,
            5 => "Basic " + Base64($"{id.Encoded}:{secret.Encoded}")[..^1],
            _ => $"Basic {Base64("client-a:x")}, Basic {Base64("client-b:y")}",
        });

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Jar(CookieContainer jar, Uri url) => jar.GetCookieHeader(url);

    private static string Join(params string[] parts) => string.Join("; ", parts.Where(part => part.Length > 0));
}
