using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Sso.Hardening;

/// <summary>
/// Razor Pages renders a page even when no handler matches the request (a POST to a GET-only page,
/// a PUT, an unknown ?handler=): the page then renders a model its handler never filled, and fails
/// with a 500. A page that has handlers answers anything else with 405 and the methods it allows.
/// Re-executed requests (the error page after an exception or for another status) are left alone.
/// </summary>
public sealed class UnhandledMethodPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var handlers = context.ActionDescriptor.HandlerMethods;
        var features = context.HttpContext.Features;
        if (context.HandlerMethod is null && handlers.Count > 0
            && features.Get<IStatusCodeReExecuteFeature>() is null && features.Get<IExceptionHandlerFeature>() is null)
        {
            context.HttpContext.Response.Headers.Allow = string.Join(", ", handlers.Select(handler => handler.HttpMethod.ToUpperInvariant()).Distinct());
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }

        await next().ConfigureAwait(false);
    }
}
