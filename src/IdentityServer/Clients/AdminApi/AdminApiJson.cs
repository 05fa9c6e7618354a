using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>
/// Reads request bodies by hand so malformed JSON or a wrong type gets a problem-details answer
/// naming the field (framework binding would answer a bare 400).
/// </summary>
public static class AdminApiJson
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem("body", "the request must be application/json"));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Problem("body", "the request body is too large"));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problem("body", "the request body must be a JSON object")) : (value, null);
        }
        catch (JsonException invalid)
        {
            var field = invalid.Path is { Length: > 2 } path ? path.TrimStart('$', '.').Split('[', '.')[0] : "body";
            return (null, Problem(field, $"not valid JSON for this field ({invalid.Path})"));
        }
    }

    private static IResult Problem(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request body was refused.");
}
