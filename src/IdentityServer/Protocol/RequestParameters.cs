using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// The parameters of a protocol request, as sent by GET (query) or POST (form), without the fields
/// our own pages add. Used to carry a request through the sign-in page and the confirmation forms.
/// </summary>
public static class RequestParameters
{
    /// <summary>The submit field of our consent and sign-out forms.</summary>
    public const string DecisionField = "sso_decision";

    private const string AntiforgeryField = "__RequestVerificationToken";

    public static IReadOnlyList<KeyValuePair<string, string>> Of(HttpRequest request)
    {
        IEnumerable<KeyValuePair<string, StringValues>> source = request.HasFormContentType ? request.Form : request.Query;
        return [.. source
            .Where(parameter => parameter.Key is not (DecisionField or AntiforgeryField))
            .SelectMany(parameter => parameter.Value.Select(value => KeyValuePair.Create(parameter.Key, value ?? "")))];
    }

    /// <summary>The same request as a GET URL, leaving out the named parameters.</summary>
    public static string AsLocalUrl(HttpRequest request, params string[] without)
    {
        var query = new QueryBuilder(Of(request).Where(parameter => !without.Contains(parameter.Key, StringComparer.Ordinal)));
        return request.PathBase + request.Path + query.ToQueryString();
    }
}
