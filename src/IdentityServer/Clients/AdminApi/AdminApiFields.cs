namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>The admin API's JSON property names for validation errors (RFC 9457 problem details, errors keyed by field).</summary>
public static class AdminApiFields
{
    public static string Of(ClientField field) => field switch
    {
        ClientField.ClientType or ClientField.ClientSecret => "type",
        _ => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(field.ToString()),
    };

    public static IResult Refused(ClientValidationException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var errors = refused.Errors
            .GroupBy(error => Of(error.Field))
            .ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray());
        var conflict = refused.Errors.Any(error => error.Field == ClientField.ClientId && error.Message.Contains("already registered", StringComparison.Ordinal));
        return Results.ValidationProblem(errors, statusCode: conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
            title: "The client was refused.");
    }

    public static IResult Refused(ScopeValidationException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var conflict = refused.Message.Contains("already exists", StringComparison.Ordinal) || refused.Message.Contains("still given", StringComparison.Ordinal);
        return Results.ValidationProblem(new Dictionary<string, string[]> { [refused.Field] = [refused.Message] },
            statusCode: conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, title: "The scope was refused.");
    }

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} does not exist.");
}
