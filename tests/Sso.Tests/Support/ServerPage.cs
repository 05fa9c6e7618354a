using System.Net;
using System.Text.RegularExpressions;

namespace Sso.Tests.Support;

/// <summary>
/// One answer of the identity server's own pages (account, admin) over HTTP, with readers for the
/// markers those pages carry for tests: session rows, notices, audit rows, the error code.
/// </summary>
public sealed partial record ServerPage(HttpStatusCode Status, Uri? Location, string Html)
{
    /// <summary>The <c>sid</c> of each row of the #sessions table, in page order.</summary>
    public IReadOnlyList<string> SessionIds => [.. SessionRow().Matches(Html).Select(match => Decode(match.Groups[1].Value))];

    /// <summary>The row marked as this browser's session, if any.</summary>
    public string? CurrentSessionId =>
        SessionRow().Matches(Html).FirstOrDefault(match => match.Groups[2].Success) is { } match ? Decode(match.Groups[1].Value) : null;

    /// <summary>The message a POST left for the page it redirected to.</summary>
    public string? Notice => Notices().Match(Html) is { Success: true } match ? Decode(match.Groups[1].Value) : null;

    /// <summary>The error page's code (bad_request, forbidden, not_found...).</summary>
    public string? ErrorCode => ErrorCodes().Match(Html) is { Success: true } match ? Decode(match.Groups[1].Value) : null;

    /// <summary>The data-type of each row of the #audit-events table, newest first.</summary>
    public IReadOnlyList<string> AuditTypes => [.. AuditRow().Matches(Html).Select(match => match.Groups[1].Value)];

    /// <summary>The whole rows of the #audit-events table, as HTML-decoded text.</summary>
    public IReadOnlyList<string> AuditRows => [.. AuditRow().Matches(Html).Select(match => Decode(match.Groups[0].Value))];

    /// <summary>The event id of each audit row, in page order.</summary>
    public IReadOnlyList<long> AuditEventIds => [.. AuditRow().Matches(Html).Select(match => long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The href of the element with this id, HTML-decoded.</summary>
    public string? LinkOf(string id) =>
        Regex.Match(Html, $"<a href=\"([^\"]*)\" id=\"{Regex.Escape(id)}\"") is { Success: true } match ? Decode(match.Groups[1].Value) : null;

    /// <summary>The validation message shown for a form field (e.g. Input.NewPassword).</summary>
    public string? FieldError(string field) =>
        Regex.Match(Html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline) is { Success: true } match
            ? Decode(Tags().Replace(match.Groups[1].Value, "")).Trim()
            : null;

    /// <summary>The page as text, HTML entities decoded (for "shows this name" checks).</summary>
    public string Text => Decode(Html);

    public bool RedirectsTo(string path) => Location is not null && Location.AbsolutePath.Equals(path, StringComparison.OrdinalIgnoreCase);

    private static string Decode(string value) => WebUtility.HtmlDecode(value);

    [GeneratedRegex("<tr data-session-id=\"([^\"]+)\"( class=\"current\")?")]
    private static partial Regex SessionRow();

    [GeneratedRegex("<p class=\"notice\" id=\"notice\" role=\"status\">([^<]*)</p>")]
    private static partial Regex Notices();

    [GeneratedRegex("id=\"error-code\">([^<]+)<")]
    private static partial Regex ErrorCodes();

    [GeneratedRegex("<tr data-type=\"([^\"]+)\" data-event-id=\"(\\d+)\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex AuditRow();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
