using Microsoft.AspNetCore.Http.Features;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Hosting;

/// <summary>
/// Reads a form body once, up front, and answers 400 when it cannot be read: a charset .NET refuses
/// (UTF-7), a NUL or an over-long key, more than the allowed number of fields, a multipart body
/// without its boundary, a Content-Type that lists two types. Without this, each reader (OpenIddict,
/// antiforgery, page model binding) meets the exception on its own and the person or client gets a
/// 500. Programs get an OAuth error (RFC 6749 §5.2); people get the friendly error page, with the
/// form then read as empty so that the page and everything re-executed for it can run.
/// </summary>
public static class UnreadableFormGuard
{
    public static IApplicationBuilder UseUnreadableFormGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (LooksLikeForm(context.Request) && await UnreadableBecauseAsync(context.Request) is { } reason)
            {
                context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                context.Response.StatusCode = reason.Status;
                context.Response.Headers.CacheControl = "no-store";
                if (HostingExtensions.IsMachineEndpoint(context.Request.Path))
                {
                    await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
                    {
                        ["error"] = Errors.InvalidRequest,
                        ["error_description"] = $"The request body could not be read as a form: {reason.Why}",
                    }, context.RequestAborted);
                }

                // Pages: the status code page (re-executed) explains the 400 to the person.
                return;
            }

            await next(context);
        });

    /// <summary>A form by its Content-Type, or close enough that a reader (OpenIddict) will try to read one: "form-urlencoded, application/json" too.</summary>
    private static bool LooksLikeForm(HttpRequest request) =>
        request.HasFormContentType
        || (request.ContentType is { } type && (type.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                                                || type.Contains("multipart/", StringComparison.OrdinalIgnoreCase)));

    private static async Task<(int Status, string Why)?> UnreadableBecauseAsync(HttpRequest request)
    {
        try
        {
            await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return null;
        }
        catch (BadHttpRequestException tooLarge)
        {
            return (tooLarge.StatusCode, "it is too large.");
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or NotSupportedException or InvalidOperationException or IOException)
        {
            // The messages name a limit or a charset, never the body's content.
            return (StatusCodes.Status400BadRequest, unreadable.Message);
        }
    }
}
