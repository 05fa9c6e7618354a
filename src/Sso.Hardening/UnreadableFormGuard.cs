using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Sso.Hardening;

/// <summary>
/// Reads a form body once, up front, and answers 400 when it cannot be read: a charset .NET refuses
/// (UTF-7), a NUL or an over-long key, too many fields, a multipart body without its boundary, a
/// Content-Type naming two types. Otherwise each reader (OpenIddict, the OpenID Connect handler at
/// /signout-oidc, antiforgery, the back-channel logout endpoint, page model binding) meets the
/// exception on its own and answers 500. Endpoints for programs get an RFC 6749 §5.2 error body;
/// pages the given text, or nothing when a status code page explains the 400 (the identity
/// server's re-executed error page). The form then reads as empty for what runs after.
/// </summary>
public static class UnreadableFormGuard
{
    /// <param name="isMachineEndpoint">Whether a path is called by programs, which get JSON.</param>
    /// <param name="pageAnswer">The text people get, or null when a status code page answers them.</param>
    public static IApplicationBuilder UseUnreadableFormGuard(this IApplicationBuilder app, Func<PathString, bool> isMachineEndpoint, string? pageAnswer)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(isMachineEndpoint);
        return app.Use(async (context, next) =>
        {
            if (LooksLikeForm(context.Request) && await UnreadableBecauseAsync(context.Request).ConfigureAwait(false) is { } reason)
            {
                context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                context.Response.StatusCode = reason.Status;
                context.Response.Headers.CacheControl = "no-store";
                if (isMachineEndpoint(context.Request.Path))
                {
                    await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
                    {
                        ["error"] = "invalid_request",
                        ["error_description"] = $"The request body could not be read as a form: {reason.Why}",
                    }, context.RequestAborted).ConfigureAwait(false);
                }
                else if (pageAnswer is not null)
                {
                    await context.Response.WriteAsync(pageAnswer, context.RequestAborted).ConfigureAwait(false);
                }

                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }

    /// <summary>A form by its Content-Type, or close enough that a reader will try to read one: "form-urlencoded, application/json" too.</summary>
    private static bool LooksLikeForm(HttpRequest request) =>
        request.HasFormContentType
        || (request.ContentType is { } type && (type.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                                                || type.Contains("multipart/", StringComparison.OrdinalIgnoreCase)));

    private static async Task<(int Status, string Why)?> UnreadableBecauseAsync(HttpRequest request)
    {
        try
        {
            await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
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
