using System.Text;
using CsCheck;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Generators of single bad values: random text, percent-encoding garbage, strings above every size limit,
/// injection classics, odd numbers, raw bytes that are not UTF-8. Text for a URL or a form is
/// escaped by <see cref="Percent"/>; text for a raw socket keeps its bytes.
/// </summary>
public static class FuzzValues
{
    /// <summary>Above every limit the apps set (64 KB form values, 256 KB bodies), so the answer is the same as for anything larger.</summary>
    public const int HugeSize = 320 * 1024;

    /// <summary>Printable ASCII, the common case of "wrong but plausible".</summary>
    public static readonly Gen<string> Ascii = Gen.String[Gen.Char[' ', '~'], 0, 40];

    /// <summary>Any UTF-16 code unit, lone surrogates and control characters included.</summary>
    public static readonly Gen<string> Unicode = Gen.String[Gen.Char, 0, 30];

    /// <summary>Sequences that break percent-decoding: lone %, bad hex, overlong and truncated UTF-8, encoded NUL and CRLF.</summary>
    public static readonly Gen<string> PercentGarbage = Gen.OneOf(
            "%", "%%", "%G1", "%1", "%C3%28", "%FF%FE", "%ED%A0%80", "%C0%AF", "%E2%82", "%F4%90%80%80",
            "%00", "%0D%0A", "%u0041", "+", "%2B", "%252F", "%2e%2e%2f", "%25", "%C3", "%80", "%EF%BB%BF")
        .Array[1, 8].Select(parts => string.Concat(parts));

    /// <summary>Raw bytes 0x80–0xFF (as U+0080–U+00FF) and control bytes: invalid UTF-8 when sent unescaped.</summary>
    public static readonly Gen<string> RawBytes = Gen.String[Gen.Char['\u0000', '\u00ff'], 1, 20];

    public static readonly Gen<string> Injection = Gen.OneOf(
        "' OR '1'='1", "\"; DROP TABLE Users; --", "<script>alert(1)</script>", "javascript:alert(1)",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "http://evil.example/", "//evil.example", "/\\evil.example",
        "${jndi:ldap://127.0.0.1:9/a}", "{{7*7}}", "%n%n%n%s", "\0", "\r\nSet-Cookie: fuzz=1", "null", "undefined", "[]", "{}",
        "file:///etc/passwd", "data:text/html,<b>x</b>", "\u202e", "\ufeff", "a\u0000b");

    public static readonly Gen<string> Numbers = Gen.OneOf(
        "-1", "0", "1", "2147483648", "-2147483649", "99999999999999999999999999", "1e400", "-1e400", "NaN", "Infinity",
        "0x10", " 7 ", "1.5", "00:00:00", "-00:00:01", "10675199.02:48:05.4775808", "9999-12-31T23:59:59Z", "true");

    /// <summary>64 KB or <see cref="HugeSize"/> of one character, or of a repeated short random text.</summary>
    public static readonly Gen<string> Huge =
        from size in Gen.OneOf(64 * 1024, HugeSize)
        from unit in Gen.String[Gen.Char['0', 'z'], 1, 8]
        select Repeat(unit, size);

    /// <summary>Any of the above, weighted towards the cheap ones; huge values stay rare so a run sends many cases.</summary>
    public static Gen<FuzzValue> Any(Gen<string> plausible) => Gen.Frequency(
        (8, plausible.Select(Text)),
        (4, Ascii.Select(Text)),
        (3, Unicode.Select(Text)),
        (3, PercentGarbage.Select(Literal)),
        (1, RawBytes.Select(Literal)),
        (2, Injection.Select(Text)),
        (2, Numbers.Select(Text)),
        (1, Gen.Const(new FuzzValue("", Literal: false))),
        (1, Huge.Select(Text)));

    /// <summary>As <see cref="Any"/> without the huge values: for what is repeated hundreds of times in one request.</summary>
    public static Gen<FuzzValue> Small(Gen<string> plausible) => Gen.Frequency(
        (8, plausible.Select(Text)),
        (4, Ascii.Select(Text)),
        (3, Unicode.Select(Text)),
        (3, PercentGarbage.Select(Literal)),
        (1, RawBytes.Select(Literal)),
        (2, Injection.Select(Text)));

    private static FuzzValue Text(string text) => new(text, Literal: false);

    private static FuzzValue Literal(string text) => new(text, Literal: true);

    public static string Repeat(string unit, int size)
    {
        var text = new StringBuilder(size + unit.Length);
        while (text.Length < size)
        {
            text.Append(unit);
        }

        return text.ToString(0, size);
    }
}
