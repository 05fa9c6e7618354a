using Microsoft.AspNetCore.Builder;
using Sso.Observability;

namespace Sso.RelyingParty.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// OpenTelemetry for an app (see <see cref="TelemetryExtensions.AddSsoTelemetry"/>), named
    /// <paramref name="serviceName"/> in traces, metrics and logs.
    /// </summary>
    public static WebApplicationBuilder AddSsoObservability(this WebApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSsoTelemetry(serviceName);
        return builder;
    }

    /// <summary>
    /// Continues the sign-in trace at the sign-in callback and on the first page after it. Must
    /// come before <c>UseAuthentication</c>, where the OpenID Connect handler answers the callback.
    /// </summary>
    public static IApplicationBuilder UseSsoSignInTrace(this IApplicationBuilder app) =>
        app.UseMiddleware<SignInTraceMiddleware>();
}
