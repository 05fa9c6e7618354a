using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Sso.Tests.Support;

/// <summary>What the authorization endpoint answered: a redirect back to the client, or a page.</summary>
public sealed partial record AuthorizeResponse(HttpStatusCode Status, Uri? Location, string Body, Pkce Pkce, string State, string Nonce)
{
    private Dictionary<string, string> Parameters => Location is null
        ? []
        : QueryHelpers.ParseQuery(Location.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());

    public string? Code => Parameter("code");

    public string? Error => Parameter("error");

    /// <summary>The OAuth error, whether sent to the client's redirect URI or shown on the error page.</summary>
    public string? ErrorCode => Error ?? (ErrorCodeOnPage().Match(Body) is { Success: true } match ? match.Groups[1].Value : null);

    public string? Parameter(string name) => Parameters.GetValueOrDefault(name);

    public bool RedirectsTo(string redirectUri) =>
        Location is not null && Location.GetLeftPart(UriPartial.Path) == redirectUri;

    [System.Text.RegularExpressions.GeneratedRegex("id=\"error-code\">([^<]+)<")]
    private static partial System.Text.RegularExpressions.Regex ErrorCodeOnPage();
}
