using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Hosting;

namespace Sso.IdentityServer.Resilience;

/// <summary>
/// Answers 503 with Retry-After when a request failed because the database is unreachable, instead
/// of a 500: the fault is not the caller's, and trying again later will work. Programs get an
/// OAuth-style JSON error (<c>temporarily_unavailable</c>, RFC 6749 §4.1.2.1); people get a short page.
/// The page is written here rather than re-executing the error page: that would run authentication
/// again, which reads the session from the same unreachable database.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(IOptions<ResilienceOptions> options, ILogger<DatabaseUnavailableHandler> logger)
    : IExceptionHandler
{
    public const string Error = "temporarily_unavailable";

    public const string Description = "The identity server cannot reach its database. Try again shortly.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!DatabaseUnavailability.Is(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        // The middleware has already pointed the request at the error page; the feature keeps where it was going.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        LogUnavailable(logger, httpContext.Request.Method, path, exception.GetBaseException().Message);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        if (HostingExtensions.IsMachineEndpoint(path))
        {
            response.ContentType = "application/json;charset=UTF-8";
            await JsonSerializer.SerializeAsync(response.Body, new Dictionary<string, string>
            {
                ["error"] = Error,
                ["error_description"] = Description,
            }, cancellationToken: cancellationToken);
        }
        else
        {
            response.ContentType = "text/html;charset=UTF-8";
            await response.WriteAsync(Page, cancellationToken);
        }

        return true;
    }

    // Nothing from the request is echoed, so there is nothing to encode.
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Temporarily unavailable · Sso</title><link rel="stylesheet" href="/css/site.css" /></head>
        <body><header><a class="brand" href="/">Sso</a> <span class="muted">identity server</span></header>
        <main><section class="card narrow">
        <h1>Sign-in is temporarily unavailable</h1>
        <p id="error-explanation">The identity server cannot reach its database right now. Nothing is lost: wait a moment and try again.</p>
        <p class="muted">Error code: <code id="error-code">temporarily_unavailable</code></p>
        </section></main></body></html>
        """;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: {Method} {Path} answered 503 ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string method, PathString path, string reason);
}
