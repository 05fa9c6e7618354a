using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Sso.Observability;
using Sso.RelyingParty.SignIn;

namespace Sso.RelyingParty.Observability;

/// <summary>
/// Keeps the app's end of a sign-in in the trace it started in (<see cref="SignInTrace"/>). The
/// browser brings the code back without trace headers, so the callback continues the trace named in
/// the sign-in's protected state: the code redemption and the UserInfo call, and with them the
/// identity server's token endpoint, join it. The first page after the sign-in (the page the person
/// asked for, and the API calls it makes to the other app) joins it too, told by a one-minute cookie.
/// A middleware rather than the handler's AuthorizationCodeReceived or TicketReceived event: an
/// activity started inside an event is current only until the event returns (Activity.Current is
/// async-local), so the code redemption would run outside it.
/// </summary>
internal sealed class SignInTraceMiddleware(
    RequestDelegate next,
    IOptionsMonitor<OpenIdConnectOptions> openIdConnect,
    IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    private static readonly TimeSpan LandingWindow = TimeSpan.FromMinutes(1);

    // Named after the session cookie, so it carries the same __Host- prefix on https.
    private string LandingCookie => cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie.Name + ".trace";

    public Task InvokeAsync(HttpContext context)
    {
        var options = openIdConnect.Get(OpenIdConnectDefaults.AuthenticationScheme);
        if (context.Request.Path.Equals(options.CallbackPath, StringComparison.OrdinalIgnoreCase))
        {
            return CallbackAsync(context, options);
        }

        return HttpMethods.IsGet(context.Request.Method) && context.Request.Cookies.TryGetValue(LandingCookie, out var traceparent)
            ? LandingAsync(context, traceparent)
            : next(context);
    }

    private async Task CallbackAsync(HttpContext context, OpenIdConnectOptions options)
    {
        // The same state the handler is about to validate; a forged or garbled one yields no
        // properties (Unprotect swallows the error) and the handler then rejects the callback.
        string? state = context.Request.Query[OpenIdConnectParameterNames.State];
        if (state is null && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            state = (await context.Request.ReadFormAsync(context.RequestAborted))[OpenIdConnectParameterNames.State];
        }

        var properties = string.IsNullOrEmpty(state) ? null : options.StateDataFormat.Unprotect(state);
        using var activity = SignInTrace.Continue("sso.sign_in.callback", SignInTraceRequest.From(properties));
        if (activity is not null)
        {
            context.Response.OnStarting(() =>
            {
                // Signed in (not sent to the failure page): the next page the browser opens is
                // the one the person asked for.
                if (context.Response.StatusCode == StatusCodes.Status302Found
                    && !context.Response.Headers.Location.ToString().StartsWith(SsoPaths.SignInFailed, StringComparison.Ordinal))
                {
                    var cookie = LandingCookieOptions(context);
                    cookie.MaxAge = LandingWindow;
                    context.Response.Cookies.Append(LandingCookie, activity.Id!, cookie);
                }

                return Task.CompletedTask;
            });
        }

        await next(context);
    }

    // Path "/" and Secure on https, as the __Host- prefix it carries there requires.
    private static CookieOptions LandingCookieOptions(HttpContext context) => new()
    {
        Path = "/",
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
    };

    private async Task LandingAsync(HttpContext context, string traceparent)
    {
        context.Response.Cookies.Delete(LandingCookie, LandingCookieOptions(context));
        using var activity = SignInTrace.Continue("sso.sign_in.landing", traceparent);
        await next(context);
    }
}
