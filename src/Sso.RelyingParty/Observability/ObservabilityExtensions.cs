using Microsoft.AspNetCore.Builder;

namespace Sso.RelyingParty.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Continues the sign-in trace at the sign-in callback and on the first page after it. Must
    /// come before <c>UseAuthentication</c>, where the OpenID Connect handler answers the callback.
    /// </summary>
    public static IApplicationBuilder UseSsoSignInTrace(this IApplicationBuilder app) =>
        app.UseMiddleware<SignInTraceMiddleware>();
}
