namespace Sso.IdentityServer.Clients.DynamicRegistration;

/// <summary>RFC 7591 §3.2.2 error codes (and RFC 6750's for a bad bearer token).</summary>
public static class RegistrationError
{
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";
    public const string InvalidToken = "invalid_token";

    public static IResult BadRequest(string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>RFC 6750 §3.1: 401 with the error in WWW-Authenticate, for a missing, unknown, expired or spent token.</summary>
    public static IResult InvalidTokenResult(HttpContext context, string description)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"{InvalidToken}\", error_description=\"{description}\"";
        return Results.Json(new Dictionary<string, string> { ["error"] = InvalidToken, ["error_description"] = description },
            statusCode: StatusCodes.Status401Unauthorized);
    }

    public static IResult Refused(ClientValidationException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var errors = refused.Errors;
        var code = errors.Count > 0 && errors.All(error => error.IsAboutRedirectUris) ? InvalidRedirectUri : InvalidClientMetadata;
        return BadRequest(code, string.Join(" ", errors.Select(error => $"{ClientMetadata.NameOf(error.Field)}: {error.Message}.")));
    }
}
