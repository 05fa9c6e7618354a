using System.Text;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Percent-encoding that never throws: text goes to UTF-8 (a lone surrogate becomes U+FFFD) and every
/// byte but the unreserved ones is escaped. Text that is already garbage by design (a lone "%")
/// is marked <see cref="FuzzValue.Literal"/> instead: the point is to send it.
/// </summary>
public static class Percent
{
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}
