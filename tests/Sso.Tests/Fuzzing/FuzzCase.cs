using System.Text;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// One request of the fuzz run. <see cref="Target"/> and header values are written byte for byte
/// when sent over a raw socket: a character from U+0080 to U+00FF stands for that one byte, which
/// is how a case carries invalid UTF-8 or control bytes that HttpClient would refuse to send.
/// </summary>
public sealed record FuzzCase(
    FuzzEndpoint Endpoint,
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string Recipe)
{
    /// <summary>Whether only a raw socket can send it: bytes outside printable ASCII in the request line or a header.</summary>
    public bool NeedsRawSocket =>
        !IsPrintableAscii(Target) || !IsToken(Method)
        || Headers.Any(header => !IsToken(header.Key) || !IsPrintableAscii(header.Value, allowSpace: true));

    /// <summary>The request as a person can read it in a failure message: long values shortened.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Shorten(Target, 300)).Append(" (").Append(Recipe).Append(')');
        foreach (var (name, value) in Headers)
        {
            text.Append("\n    ").Append(Shorten(name, 60)).Append(": ").Append(Shorten(value, 200));
        }

        if (Body is not null)
        {
            text.Append("\n    body (").Append(Body.Length).Append(" bytes): ")
                .Append(Shorten(Encoding.Latin1.GetString(Body, 0, Math.Min(Body.Length, 400)), 300));
        }

        return text.ToString();
    }

    private static bool IsPrintableAscii(string text, bool allowSpace = false) =>
        text.All(c => c is > ' ' and < '\u007f' || (allowSpace && c is ' ' or '\t'));

    private static bool IsToken(string text) =>
        text.Length > 0 && text.All(c => c is > ' ' and < '\u007f' && !"\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal));

    private static string Shorten(string text, int length)
    {
        var visible = new string([.. text.Take(length).Select(c => c is < ' ' or (>= '\u007f' and <= '\u00ff') ? '·' : c)]);
        return text.Length <= length ? visible : $"{visible}… ({text.Length} chars)";
    }
}
