using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Logging;
using Sso.RelyingParty.Observability;

namespace Sso.RelyingParty.SignIn;

/// <summary>
/// Turns every failed or refused sign-in into a friendly page. The reason shown is one of two
/// fixed words, never the server's raw error text (which an attacker can put in the callback URL).
/// It is the OpenID Connect handler's events class, so it also lets the sign-in trace ride along.
/// </summary>
internal sealed class SignInFailureEvents(ILogger<SignInFailureEvents> logger) : OpenIdConnectEvents
{
    public const string ReasonDenied = "access_denied";
    public const string ReasonFailed = "failed";

    /// <summary>The authorization request carries the app's trace context (<see cref="SignInTraceRequest"/>).</summary>
    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SignInTraceRequest.Attach(context);
        return base.RedirectToIdentityProvider(context);
    }

    /// <summary>The person cancelled or the server refused consent (error=access_denied).</summary>
    public override Task AccessDenied(AccessDeniedContext context)
    {
        logger.LogInformation("Sign-in was refused at the identity server (access_denied).");
        context.Response.Redirect($"{SsoPaths.SignInFailed}?reason={ReasonDenied}");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>Correlation failure, bad state, an error response, an unreachable token endpoint...</summary>
    public override Task RemoteFailure(RemoteFailureContext context)
    {
        logger.LogWarning(context.Failure, "Sign-in failed at the callback.");
        var reason = context.Failure?.Message.Contains("access_denied", StringComparison.Ordinal) == true
            ? ReasonDenied
            : ReasonFailed;
        context.Response.Redirect($"{SsoPaths.SignInFailed}?reason={reason}");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
