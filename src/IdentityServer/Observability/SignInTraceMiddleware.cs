using Microsoft.AspNetCore.WebUtilities;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Protocol;
using Sso.Observability;

namespace Sso.IdentityServer.Observability;

/// <summary>
/// Continues an app's sign-in trace (see <see cref="SignInTrace"/>) at the authorization endpoint
/// and on the sign-in page, which carries the authorization request in its return URL.
/// </summary>
public sealed class SignInTraceMiddleware(RequestDelegate next)
{
    private static readonly PathString Authorization = "/" + ProtocolRoutes.Authorization;
    private static readonly PathString Login = AccountRoutes.Login;

    public async Task InvokeAsync(HttpContext context)
    {
        using var activity = context.Request.Path.Equals(Authorization, StringComparison.OrdinalIgnoreCase)
            ? SignInTrace.Continue("sso.authorize", context.Request.Query[SignInTrace.Parameter])
            : context.Request.Path.Equals(Login, StringComparison.OrdinalIgnoreCase)
                ? SignInTrace.Continue("sso.sign_in", FromReturnUrl(context.Request.Query["ReturnUrl"]))
                : null;
        await next(context);
    }

    private static string? FromReturnUrl(string? returnUrl)
    {
        var query = returnUrl?.IndexOf('?', StringComparison.Ordinal) is >= 0 and var at ? returnUrl[at..] : null;
        return query is null ? null : QueryHelpers.ParseQuery(query).TryGetValue(SignInTrace.Parameter, out var value) ? value.ToString() : null;
    }
}
