using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Sso.Observability;

namespace Sso.RelyingParty.Observability;

/// <summary>
/// The app's half of <see cref="SignInTrace"/>: the authorization request names the trace of the
/// request that sent the person to sign in, and the sign-in's properties (protected in the
/// <c>state</c> parameter, which comes back with the code) remember it for the callback.
/// </summary>
internal static class SignInTraceRequest
{
    public static void Attach(RedirectContext context)
    {
        if (SignInTrace.Current() is { } traceparent)
        {
            context.ProtocolMessage.SetParameter(SignInTrace.Parameter, traceparent);
            context.Properties.Items[SignInTrace.Parameter] = traceparent;
        }
    }

    /// <summary>The trace the sign-in started in, from the callback's properties.</summary>
    public static string? From(AuthenticationProperties? properties) =>
        properties is not null && properties.Items.TryGetValue(SignInTrace.Parameter, out var traceparent) ? traceparent : null;
}
