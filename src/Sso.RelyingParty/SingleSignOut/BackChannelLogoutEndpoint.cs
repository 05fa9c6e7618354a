using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Sso.RelyingParty.Sessions;
using Sso.RelyingParty.SignIn;

namespace Sso.RelyingParty.SingleSignOut;

/// <summary>
/// The back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0 §2.5–2.8): the identity
/// server POSTs a logout token here when a person signs out, and this app ends their session
/// without the browser being involved.
/// </summary>
public static class BackChannelLogoutEndpoint
{
    private const string LogoutTokenField = "logout_token";
    private const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>Maps <see cref="SsoPaths.BackChannelLogout"/> for every method, so a wrong one gets a 400 that says why.</summary>
    public static IEndpointConventionBuilder MapSsoBackChannelLogout(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // A server-to-server call: no cookie, no antiforgery token (the logout token's signature
        // is what proves who sent it), and no sign-in required.
        return endpoints.Map(SsoPaths.BackChannelLogout, HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        [FromServices] LogoutTokenValidator validator,
        [FromServices] AppSessions sessions,
        [FromServices] IEnumerable<ISubjectSignOutListener> listeners,
        [FromServices] ILoggerFactory loggerFactory)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        // §2.8: the response must not be cached, whatever it says.
        context.Response.Headers.CacheControl = "no-store";

        if (!HttpMethods.IsPost(request.Method))
        {
            return Refused("The logout token must be sent with POST (Back-Channel Logout 1.0 §2.5).");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(FormContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Refused($"The body must be {FormContentType} (Back-Channel Logout 1.0 §2.5).");
        }

        string token;
        try
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            if (form[LogoutTokenField] is not [{ Length: > 0 } single])
            {
                return Refused($"Exactly one {LogoutTokenField} is required.");
            }

            token = single;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            // Malformed or oversized form: the sender's fault, never a 500.
            return Refused("The form could not be read.");
        }

        var validation = await validator.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        if (validation.Token is not { } logout)
        {
            // §2.8: refused, and the session stays as it was.
            return Refused(validation.Error!);
        }

        // §2.7: with a sid, end that session (of that sub, if named); with only a sub, all of theirs.
        var endedFor = logout.SessionId is { } sessionId
            ? await sessions.EndBySessionIdAsync(sessionId, logout.Subject, cancellationToken).ConfigureAwait(false)
            : await sessions.EndBySubjectAsync(logout.Subject!, cancellationToken).ConfigureAwait(false);

        var subjects = endedFor.Append(logout.Subject).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var subject in subjects)
        {
            foreach (var listener in listeners)
            {
                listener.OnSignedOut(subject);
            }
        }

        loggerFactory.CreateLogger(typeof(BackChannelLogoutEndpoint).FullName!)
            .LogInformation("Back-channel logout ended {Count} session(s) (sid present: {HasSid}).", endedFor.Count, logout.SessionId is not null);

        // §2.8: 200 also when no session matched (already ended, or never here).
        return Results.Ok();
    }

    /// <summary>§2.8: 400 with an error body as in RFC 6749 §5.2.</summary>
    private static IResult Refused(string description) =>
        Results.Json(
            new Dictionary<string, string> { ["error"] = "invalid_request", ["error_description"] = description },
            statusCode: StatusCodes.Status400BadRequest);
}
