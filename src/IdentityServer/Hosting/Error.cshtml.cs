using System.Net;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Hosting;

/// <summary>
/// The page people see when something cannot go back to the app: an OAuth error OpenIddict may not
/// redirect (unknown client, unregistered redirect URI), a bad form, a missing page, or a failure.
/// It explains the error in plain words and never echoes raw input as HTML.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    private static readonly Dictionary<string, string> Explanations = new(StringComparer.Ordinal)
    {
        [Errors.InvalidRequest] = "The application sent a request the identity server cannot accept.",
        [Errors.InvalidClient] = "The application is not registered with the identity server.",
        [Errors.UnauthorizedClient] = "The application is not allowed to make this request.",
        [Errors.InvalidScope] = "The application asked for access that does not exist or is not allowed.",
        [Errors.AccessDenied] = "Access was denied.",
        [Errors.UnsupportedResponseType] = "The application asked for a kind of response the identity server does not give.",
        [Errors.ServerError] = "Something went wrong on our side.",
    };

    public string Error { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public string? Detail { get; private set; }

    public int Status { get; private set; }

    // Filled before any handler would run rather than by OnGet/OnPost: the page is re-executed with
    // the failed request's method, which may be PUT, TRACE or anything else.
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Describe();

    private void Describe()
    {
        var oauth = HttpContext.GetOpenIddictServerResponse();
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? Response.StatusCode;

        Status = failed ? StatusCodes.Status500InternalServerError
            : original is >= 400 and < 600 ? original
            : StatusCodes.Status404NotFound;
        if (oauth?.Error is { } error)
        {
            Error = error;
            Explanation = Explanations.GetValueOrDefault(error, "The request could not be completed.");
            Detail = oauth.ErrorDescription;
        }
        else
        {
            Error = Status switch
            {
                StatusCodes.Status400BadRequest => "bad_request",
                StatusCodes.Status403Forbidden => "forbidden",
                StatusCodes.Status404NotFound => "not_found",
                StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
                StatusCodes.Status429TooManyRequests => "too_many_requests",
                >= 500 => "server_error",
                _ => "error",
            };
            Explanation = Status switch
            {
                StatusCodes.Status400BadRequest => "The form was out of date or incomplete. Go back, reload the page and try again.",
                StatusCodes.Status403Forbidden => "Your account does not have access to this page.",
                StatusCodes.Status404NotFound => "There is no page at this address.",
                StatusCodes.Status429TooManyRequests => "Too many attempts. Wait a little and try again.",
                >= 500 => "Something went wrong on our side. Try again in a moment.",
                _ => ((HttpStatusCode)Status).ToString(),
            };
        }

        Response.StatusCode = Status;
    }
}
