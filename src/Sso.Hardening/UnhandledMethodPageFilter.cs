using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

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
        ForgetUnparsableBooleans(context);
    }

    /// <summary>
    /// A checkbox re-rendered from model state parses the value that was posted (or, for HEAD, which
    /// Razor Pages binds like a POST, sent in the query) and throws on one that is no boolean, so the
    /// page answered 500. The error stays in model state; only the unparsable value is forgotten, so
    /// the checkbox shows the model's value.
    /// </summary>
    private static void ForgetUnparsableBooleans(PageHandlerExecutingContext context)
    {
        var metadata = context.HttpContext.RequestServices.GetService(typeof(IModelMetadataProvider)) as IModelMetadataProvider;
        if (metadata is null || context.ModelState.IsValid)
        {
            return;
        }

        foreach (var property in context.ActionDescriptor.BoundProperties)
        {
            foreach (var field in metadata.GetMetadataForType(property.ParameterType).Properties)
            {
                var key = $"{property.Name}.{field.PropertyName}";
                if (field.UnderlyingOrModelType == typeof(bool)
                    && context.ModelState.TryGetValue(key, out var entry)
                    && entry.ValidationState == ModelValidationState.Invalid
                    && !bool.TryParse(entry.AttemptedValue, out _))
                {
                    context.ModelState.SetModelValue(key, rawValue: null, attemptedValue: null);
                }
            }
        }
    }
}
